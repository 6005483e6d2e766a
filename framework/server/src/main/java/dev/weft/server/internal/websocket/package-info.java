/** The WebSocket session's machinery: the connection-task state machine and the queues that meet the application. */
package dev.weft.server.internal.websocket;
