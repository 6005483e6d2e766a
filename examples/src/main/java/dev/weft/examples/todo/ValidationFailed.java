package dev.weft.examples.todo;

import dev.weft.http.HttpStatus;
import dev.weft.router.HttpException;
import dev.weft.router.Problem;

import java.util.List;

/** A request that is well-formed but invalid: a 422 problem listing each field's error. */
final class ValidationFailed extends HttpException {
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
        super(HttpStatus.UNPROCESSABLE_CONTENT, errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    @Override
    public Problem problem() {
        return Problem.of(HttpStatus.UNPROCESSABLE_CONTENT)
                .type("https://weft.dev/problems/validation")
                .title("Validation failed")
                .detail(getMessage())
                .with("errors", errors);
    }
}
