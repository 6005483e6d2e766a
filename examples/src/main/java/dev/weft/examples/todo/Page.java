package dev.weft.examples.todo;

import dev.weft.router.extract.Default;

import java.util.Optional;

/**
 * The query of {@code GET /todos}: {@code ?offset=0&limit=50&done=true}.
 *
 * @param offset how many todos to skip
 * @param limit  how many to return at most (1 to 500)
 * @param done   only todos in this state, if given
 */
public record Page(@Default("0") int offset, @Default("50") int limit, Optional<Boolean> done) {
}
