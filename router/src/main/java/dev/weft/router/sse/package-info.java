/** Server-sent events: the response type, the event, and a broadcaster many clients can follow. */
package dev.weft.router.sse;
