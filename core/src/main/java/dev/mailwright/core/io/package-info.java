/**
 * File plumbing shared by the stores and directories: atomic replacement (temporary file,
 * fsync, rename, directory fsync) and cheap change detection. Not for hosts; may change
 * between versions.
 */
package dev.mailwright.core.io;
