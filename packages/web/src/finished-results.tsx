/** A finished batch's swims (the results view), with the share box above them when there is something to share. */
import { batchResultsSchema } from "@splitstream/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./api-client.ts";
import { readApi } from "./api-request.ts";
import { batchKeys, batchResultsQuery } from "./queries.ts";
import { ResultLinkBox } from "./result-link-box.tsx";
import { type ResultsActions, ResultsView } from "./results-view.tsx";

export function FinishedResults({ batchId, resultCode }: { batchId: string; resultCode: string | null }) {
  const results = useQuery(batchResultsQuery(batchId));
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (call: () => Promise<Response>) => readApi(call(), batchResultsSchema),
    onSuccess: (next) => {
      queryClient.setQueryData(batchKeys.results(batchId), next);
      // The swimmer's name may have changed: the header reads it from the batch.
      void queryClient.invalidateQueries({ queryKey: batchKeys.live(batchId), exact: true });
    },
  });
  const actions: ResultsActions = {
    busy: change.isPending,
    setCourse: (jobId, course) =>
      change.mutate(() =>
        api.batches[":id"].jobs[":jobId"].course.$put({ param: { id: batchId, jobId }, json: { course } }),
      ),
    chooseSwimmer: (swimmerName, choice) =>
      change.mutate(() =>
        api.batches[":id"].swimmer.$post({ param: { id: batchId }, json: { swimmerName, choice } }),
      ),
  };
  const swims = results.data?.swims.length ?? 0;
  return (
    <div className="finished">
      {results.isPending && <p aria-busy="true">Loading the swims…</p>}
      {results.isError && (
        <p className="form-error" role="alert">
          Could not load the results: {results.error.message}
        </p>
      )}
      {change.isError && (
        <p className="form-error" role="alert">
          Could not change the results: {change.error.message}
        </p>
      )}
      {/* Nothing to share without swims: a link to an empty page helps nobody. */}
      {resultCode && results.data && swims > 0 && (
        <ResultLinkBox code={resultCode} swimmerName={results.data.swimmerName} swimCount={swims} />
      )}
      {results.data && <ResultsView results={results.data} actions={actions} />}
    </div>
  );
}
