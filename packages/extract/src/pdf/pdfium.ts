/**
 * Loads PDFium (compiled to WebAssembly, @embedpdf/pdfium) once per thread, on first use, and names
 * the few of its C functions the text layer calls.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { init } from "@embedpdf/pdfium";

/**
 * PDFium's exports, called directly: the hot ones run thousands of times a page, and the package's
 * cwrap wrappers cost more than the calls themselves. Pointers and handles are numbers.
 */
export interface PdfiumExports {
  malloc(size: number): number;
  free(pointer: number): void;
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_CloseDocument(doc: number): void;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_GetMetaText(doc: number, tag: number, buffer: number, length: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageWidthF(page: number): number;
  FPDF_GetPageHeightF(page: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetText(textPage: number, start: number, count: number, buffer: number): number;
  FPDFText_GetTextObject(textPage: number, index: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  FPDFTextObj_GetFont(textObject: number): number;
}

export interface Pdfium {
  call: PdfiumExports;
  /** The WebAssembly memory; read it afresh after calls, since growing the memory replaces the buffer. */
  memory(): ArrayBuffer;
}

interface EmscriptenModule {
  wasmExports: PdfiumExports;
  HEAPU8: Uint8Array;
  PDFiumExt_Init?: () => void;
}

let loading: Promise<Pdfium> | undefined;

/** PDFium for this thread: compiled and started on the first call (tens of ms), shared after. */
export function loadPdfium(): Promise<Pdfium> {
  loading ??= start().catch((error: unknown) => {
    loading = undefined; // let a later call try again rather than remember the failure
    throw error;
  });
  return loading;
}

async function start(): Promise<Pdfium> {
  const wasmFile = createRequire(import.meta.url).resolve("@embedpdf/pdfium/pdfium.wasm");
  const wrapped = await init({ wasmBinary: await readFile(wasmFile) });
  wrapped.PDFiumExt_Init();
  const module = wrapped.pdfium as unknown as EmscriptenModule;
  return { call: module.wasmExports, memory: () => module.HEAPU8.buffer as ArrayBuffer };
}
