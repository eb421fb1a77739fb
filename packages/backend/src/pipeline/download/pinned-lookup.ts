/** A DNS lookup for node:http that always answers with one already-verified address (DNS pinning). */
import type { LookupFunction } from "node:net";

/**
 * node:http resolves the host name again right before it connects; answering that lookup with the address
 * the policy already checked means a DNS server that changes its answer in between (DNS rebinding) cannot
 * steer the connection to an internal address.
 */
export function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    // Deferred like a real lookup: net expects the callback after connect() has returned.
    process.nextTick(() => {
      if (options.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    });
  };
}
