/**
 * Text in and out, one way each: the one grammar for numbers and sizes in dtcore's own inputs
 * ({@link org.dtcore.text.Numbers}, docs/numbers.md) and the kernel's memparse where its syntax is read
 * ({@link org.dtcore.text.Memparse}); the one hex formatter ({@link org.dtcore.text.Numbers#hex}) and size
 * formatter ({@link org.dtcore.text.ByteSize}); table columns ({@link org.dtcore.text.Columns}); and JSON,
 * read strictly with every value placed at a line and column ({@link org.dtcore.text.JsonText},
 * {@link org.dtcore.text.JsonField}) and written by jackson-core in dtcore's two layouts.
 *
 * <p>The lowest domain layer: it knows text, not where the text came from. A
 * {@link org.dtcore.text.TextException} says what was wrong with the text; the layer that read it adds the
 * file, option or property. Nothing here depends on the locale.
 */
package org.dtcore.text;
