/**
 * Static files: {@link dev.weft.router.files.ServeDir} and {@link dev.weft.router.files.ServeFile}
 * answer GET and HEAD from the file system, with validators, conditional requests, byte ranges,
 * precompressed variants and zero-copy sends, and never outside their root.
 */
package dev.weft.router.files;
