package dev.weft.examples.todo;

import static dev.weft.router.extract.Extractors.json;
import static dev.weft.router.extract.Extractors.path;
import static dev.weft.router.extract.Extractors.query;
import static dev.weft.router.extract.Extractors.state;

import dev.weft.http.HttpStatus;
import dev.weft.router.JsonResponse;
import dev.weft.router.Problem;
import dev.weft.router.Router;
import dev.weft.router.middleware.Layers;
import dev.weft.router.sse.Sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON CRUD API over in-memory todos, with validation errors as {@code application/problem+json}
 * and a server-sent events feed of changes:
 * <pre>
 * GET    /todos?offset=0&amp;limit=50&amp;done=false   list
 * POST   /todos          {"title": "..."}          create (201, Location)
 * GET    /todos/{id}                               read (404 if absent)
 * PATCH  /todos/{id}     {"title"?, "done"?}       update
 * DELETE /todos/{id}                               delete (204)
 * GET    /todos/events                             SSE: created, updated, deleted
 * </pre>
 */
public final class TodoApp {
    private static final int MAX_TITLE = 200;

    private TodoApp() {
    }

    /** The API over a new, empty store. */
    public static Router router() {
        return router(new TodoStore());
    }

    /** The API over {@code store}. */
    public static Router router(TodoStore store) {
        Router todos = Router.create()
                .withState(store)
                .get("/", state(TodoStore.class), query(Page.class), TodoApp::list)
                .post("/", state(TodoStore.class), json(NewTodo.class), TodoApp::create)
                .get("/events", state(TodoStore.class), s -> Sse.of(s.feed().subscribe()))
                .get("/{id}", state(TodoStore.class), path("id", long.class), TodoStore::find)
                .patch("/{id}", state(TodoStore.class), path("id", long.class), json(TodoPatch.class), TodoApp::update)
                .delete("/{id}", state(TodoStore.class), path("id", long.class), TodoApp::delete);
        return Router.create()
                .layer(Layers.catchPanic())
                .layer(Layers.requestId())
                .layer(Layers.timeout(Duration.ofSeconds(10)))
                .layer(Layers.bodyLimit(64 * 1024))
                .nest("/todos", todos);
    }

    static List<Todo> list(TodoStore store, Page page) {
        List<ValidationFailed.FieldError> errors = new ArrayList<>();
        if (page.offset() < 0) {
            errors.add(new ValidationFailed.FieldError("offset", "must not be negative"));
        }
        if (page.limit() < 1 || page.limit() > 500) {
            errors.add(new ValidationFailed.FieldError("limit", "must be between 1 and 500"));
        }
        failIfAny(errors);
        return store.list(page);
    }

    static JsonResponse create(TodoStore store, NewTodo body) {
        List<ValidationFailed.FieldError> errors = new ArrayList<>();
        checkTitle(body.title(), true, errors);
        failIfAny(errors);
        Todo todo = store.add(body.title().strip(), body.done() != null && body.done());
        return JsonResponse.of(HttpStatus.CREATED, todo).header("Location", "/todos/" + todo.id());
    }

    static Object update(TodoStore store, long id, TodoPatch patch) {
        List<ValidationFailed.FieldError> errors = new ArrayList<>();
        checkTitle(patch.title(), false, errors);
        failIfAny(errors);
        TodoPatch clean = new TodoPatch(patch.title() == null ? null : patch.title().strip(), patch.done());
        return store.update(id, clean);
    }

    static Object delete(TodoStore store, long id) {
        return store.remove(id)
                ? HttpStatus.NO_CONTENT
                : Problem.of(HttpStatus.NOT_FOUND).detail("no todo " + id);
    }

    private static void checkTitle(String title, boolean required, List<ValidationFailed.FieldError> errors) {
        if (title == null) {
            if (required) {
                errors.add(new ValidationFailed.FieldError("title", "is required"));
            }
        } else if (title.isBlank()) {
            errors.add(new ValidationFailed.FieldError("title", "must not be blank"));
        } else if (title.length() > MAX_TITLE) {
            errors.add(new ValidationFailed.FieldError("title", "must be at most " + MAX_TITLE + " characters"));
        }
    }

    private static void failIfAny(List<ValidationFailed.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }
}
