/**
 * A JSON CRUD API over in-memory todos: {@link dev.weft.examples.todo.TodoApp#router()} nests
 * {@code /todos} (list with paging, create, read, update, delete) under catch-panic, request-id,
 * timeout and body-limit layers. Invalid input is a 422 problem listing each field's error, and
 * {@code GET /todos/events} is a server-sent events feed of every change the
 * {@link dev.weft.examples.todo.TodoStore} makes. The records are the API's JSON bodies and query.
 *
 * <p>May import: the exported packages of the router and the modules below it, and Jackson; not
 * logback, the launcher package or another example.
 *
 * <pre>{@code
 * java -jar examples/target/weft-examples.jar --app todo
 * curl -s -H 'Content-Type: application/json' -d '{"title":"write docs"}' localhost:8080/todos
 * curl -s 'localhost:8080/todos?limit=10&done=false'
 * curl -sN localhost:8080/todos/events
 * }</pre>
 */
package dev.weft.examples.todo;
