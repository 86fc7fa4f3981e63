package dev.paperboy.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Method and path to a flow, through the {@link Gate}: 404 for a path with no route, 405 (with
 * {@code Allow}) for a method the route does not take; HEAD goes where GET goes.
 */
final class Router {
    /**
     * A path's flows by method. {@code wayOut} marks leaving: never rate-limited with a valid
     * token, and posted from anywhere (one-click unsubscribes come from mail providers' servers).
     */
    record Route(Optional<Flow> onGet, Optional<Flow> onPost, boolean wayOut) {
        static Route get(Flow get) {
            return new Route(Optional.of(get), Optional.empty(), false);
        }

        static Route post(Flow post) {
            return new Route(Optional.empty(), Optional.of(post), false);
        }

        static Route getAndPost(Flow get, Flow post) {
            return new Route(Optional.of(get), Optional.of(post), false);
        }

        /** The way out: see above. */
        Route asWayOut() {
            return new Route(onGet, onPost, true);
        }

        String allowed() {
            List<String> methods = new ArrayList<>();
            onGet.ifPresent(f -> methods.add("GET"));
            onPost.ifPresent(f -> methods.add("POST"));
            return String.join(", ", methods);
        }
    }

    private final Gate gate;
    private final Map<String, Route> exact;
    private final Map<String, Route> byPrefix;

    /** {@code byPrefix}: routes for every path that starts with the key (checked after {@code exact}). */
    Router(Gate gate, Map<String, Route> exact, Map<String, Route> byPrefix) {
        this.gate = gate;
        this.exact = Map.copyOf(exact);
        this.byPrefix = new LinkedHashMap<>(byPrefix);
    }

    WebResponse route(WebRequest request) {
        Optional<Route> route = find(request.path());
        String method = request.method();
        if (method.equals("POST") && !route.map(Route::wayOut).orElse(false)) {
            Optional<WebResponse> refused = gate.refuseCrossSite(request);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        if (route.isEmpty()) {
            return Answers.error(request, 404, "There is no page at this address.");
        }
        Route r = route.get();
        if (method.equals("POST") && r.onPost().isPresent()) {
            return gate.post(request, r.wayOut(), r.onPost().get());
        }
        if ((method.equals("GET") || method.equals("HEAD")) && r.onGet().isPresent()) {
            return gate.read(request, r.wayOut(), r.onGet().get());
        }
        return Answers.error(request, 405, "This address does not take " + Echo.method(method) + " requests.")
                .withHeader("Allow", r.allowed());
    }

    private Optional<Route> find(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return Optional.of(route);
        }
        return byPrefix.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }
}
