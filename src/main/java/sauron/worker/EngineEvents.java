package sauron.worker;

import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import sauron.model.EpochRecord;

/**
 * The line protocol of the engine process (the command line run with --events): a line that starts with
 * {@value #PREFIX} carries one JSON event; every other line is text for the log. Plain lines keep the
 * command line's output readable when a person runs it; events carry what a UI plots.
 */
public final class EngineEvents {

	public static final String PREFIX = "@sauron ";

	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

	private EngineEvents() {}

	/** A training step ended: {"type":"step","epoch":0,"step":3,"loss":0.41}. Epoch and step count from 0. */
	public static String step(final int epoch, final int step, final float loss) {
		final JsonObject o = event("step");
		o.addProperty("epoch", epoch);
		o.addProperty("step", step);
		o.addProperty("loss", loss);
		return PREFIX + GSON.toJson(o);
	}

	/** An epoch ended: its record as sauron.json keeps it. */
	public static String epoch(final EpochRecord record) {
		final JsonObject o = GSON.toJsonTree(record).getAsJsonObject();
		o.addProperty("type", "epoch");
		return PREFIX + GSON.toJson(o);
	}

	/** Work done out of total (tiles, images), for a progress bar. */
	public static String progress(final int done, final int total) {
		final JsonObject o = event("progress");
		o.addProperty("done", done);
		o.addProperty("total", total);
		return PREFIX + GSON.toJson(o);
	}

	/** The event a line carries; empty for a plain line or a line that is not valid JSON. */
	public static Optional<JsonObject> parse(final String line) {
		if (line == null || !line.startsWith(PREFIX)) return Optional.empty();
		try {
			return Optional.of(GSON.fromJson(line.substring(PREFIX.length()), JsonObject.class));
		} catch (final JsonParseException | ClassCastException e) {
			return Optional.empty();
		}
	}

	public static EpochRecord toEpochRecord(final JsonObject event) {
		return GSON.fromJson(event, EpochRecord.class);
	}

	private static JsonObject event(final String type) {
		final JsonObject o = new JsonObject();
		o.addProperty("type", type);
		return o;
	}
}
