package dev.weft.router.extract;

import java.util.List;

/** Named text values a record is bound from: path parameters, query parameters or form fields. */
interface Source {
    /** The first value of {@code name}, or {@code null}. */
    String first(String name);

    /** All values of {@code name}, possibly none. */
    List<String> all(String name);
}
