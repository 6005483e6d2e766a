package dev.weft.examples.todo;

import dev.weft.http.HttpStatus;

import dev.weft.router.IntoResponse;
import dev.weft.router.Problem;
import dev.weft.server.Response;

import java.util.List;

/** A request that is well-formed but invalid: a 422 problem listing each field's error. */
final class ValidationFailed extends RuntimeException implements IntoResponse {
    private static final long serialVersionUID = 1L;

    /**
     * One invalid field.
     *
     * @param field   the field's name
     * @param message what is wrong with it
     */
    record FieldError(String field, String message) {
    }

    private final transient List<FieldError> errors;

    ValidationFailed(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    @Override
    public Response toResponse() {
        return Problem.of(HttpStatus.UNPROCESSABLE_CONTENT)
                .type("https://weft.dev/problems/validation")
                .title("Validation failed")
                .detail(getMessage())
                .with("errors", errors)
                .toResponse();
    }
}
