package dev.weft.router.health;

/**
 * One condition this instance needs to serve, such as a database ping. It may block: it runs on a
 * virtual thread of its own, bounded by the timeout it was added with. Returning means the
 * condition holds; throwing means it does not, and the exception's message says why.
 *
 * <pre>{@code
 * HealthCheck database = () -> {
 *     try (Connection c = dataSource.getConnection()) {
 *         if (!c.isValid(1)) throw new IllegalStateException("connection not valid");
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface HealthCheck {
    /**
     * Checks the condition.
     *
     * @throws Exception when it does not hold
     */
    void check() throws Exception;
}
