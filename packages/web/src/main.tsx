import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// The base styles first, so each component's own CSS (imported by its module) comes after and wins ties.
import "./styles.css";
import { App } from "./app.tsx";

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 5_000 } } });

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
