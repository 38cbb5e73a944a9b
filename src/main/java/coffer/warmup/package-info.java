/**
 * Warm before ready: after deployment, this instance sends real requests to its own HTTP listener
 * for a bounded time, so that the first burst a load balancer routes here finds the request paths
 * compiled, the pools filled and the caches loaded; readiness stays DOWN until it is done.
 *
 * <p>Rules: the warm-up works only on scratch data it opens itself (see {@code ScratchData}) and
 * only through the public HTTP routes, so it changes no client's balance and the books add up as
 * they do for any client. It depends on the components it calls through HTTP only by their paths.
 */
package coffer.warmup;
