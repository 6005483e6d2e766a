package dev.weft.router.extract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value of a query, form or path record component when the request does not carry it, as the
 * text the request would have sent:
 * <pre>{@code
 * record Page(@Default("1") int page, @Default("20") int size, Optional<String> sort) {}
 * router.get("/todos", query(Page.class), page -> store.list(page));
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Default {
    /** The default, converted like a value from the request. */
    String value();
}
