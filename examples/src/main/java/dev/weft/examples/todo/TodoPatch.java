package dev.weft.examples.todo;

/**
 * The body of {@code PATCH /todos/{id}}: fields left out (or null) are unchanged.
 *
 * @param title a new title, 1 to 200 characters
 * @param done  a new state
 */
public record TodoPatch(String title, Boolean done) {
}
