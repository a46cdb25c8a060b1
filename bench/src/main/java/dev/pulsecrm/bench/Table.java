package dev.pulsecrm.bench;

import java.util.ArrayList;
import java.util.List;

/** A titled table printed as GitHub markdown with aligned columns (readable in a terminal too). */
public final class Table {

	private final String title;

	private final List<String> header;

	private final List<List<String>> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	public Table(String title, String... header) {
		this.title = title;
		this.header = List.of(header);
	}

	public Table row(Object... cells) {
		if (cells.length != this.header.size()) {
			throw new IllegalArgumentException("expected " + this.header.size() + " cells, got " + cells.length);
		}
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add(cell == null ? "" : String.valueOf(cell).replace("|", "\\|"));
		}
		this.rows.add(row);
		return this;
	}

	public Table note(String note) {
		this.notes.add(note);
		return this;
	}

	public String title() {
		return this.title;
	}

	public int size() {
		return this.rows.size();
	}

	public String markdown() {
		int[] widths = new int[this.header.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = Math.max(3, this.header.get(i).length());
			for (List<String> row : this.rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder out = new StringBuilder();
		out.append("### ").append(this.title).append("\n\n");
		line(out, this.header, widths);
		out.append('|');
		for (int width : widths) {
			out.append('-').append("-".repeat(width)).append("-|");
		}
		out.append('\n');
		this.rows.forEach((row) -> line(out, row, widths));
		if (!this.notes.isEmpty()) {
			out.append('\n');
			this.notes.forEach((note) -> out.append(note).append('\n'));
		}
		return out.toString();
	}

	private static void line(StringBuilder out, List<String> cells, int[] widths) {
		out.append('|');
		for (int i = 0; i < widths.length; i++) {
			String cell = cells.get(i);
			out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
		}
		out.append('\n');
	}
}
