package dev.weft.examples.todo;

/**
 * The body of {@code POST /todos}.
 *
 * @param title what to do; 1 to 200 characters
 * @param done  whether it is already done (default false)
 */
public record NewTodo(String title, Boolean done) {
}
