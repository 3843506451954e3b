package dev.roster.adapters.in.http.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Query parameters an endpoint reads itself rather than through a {@code @QueryValue} argument (such as the
 * repeatable {@code attr}, whose values may hold commas): {@link QueryParametersFilter} accepts them too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AlsoAcceptsQuery {
    String[] value();
}
