/** The API's type for the web app's typed client: types only, so no backend code reaches the browser. */
export type { AppType } from "./app.ts";
