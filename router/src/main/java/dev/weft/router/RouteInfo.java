package dev.weft.router;

/**
 * One line of a router's route listing, for printing at startup:
 * <pre>{@code
 * router.routes().forEach(r -> log.info("{}", r));   // GET     /users/{id}  UsersApi::find
 * }</pre>
 *
 * @param method  the method, or {@code *} for {@code any}
 * @param pattern the full pattern, with nesting prefixes
 * @param handler where the handler was written: {@code Class::method}, or the lambda's enclosing method
 */
public record RouteInfo(String method, String pattern, String handler) {
    @Override
    public String toString() {
        return String.format("%-7s %-30s %s", method, pattern, handler);
    }
}
