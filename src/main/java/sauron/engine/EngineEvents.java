package sauron.engine;

import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import sauron.model.EpochRecord;

/**
 * The engine's events as lines, written by the command line and read by the engine process. A step, an epoch or
 * progress is a line of the output stream that starts with {@value #PREFIX} and carries one JSON object with a
 * "type"; every other output line is text for the log. A failure is the line the command line prints for people
 * on the error stream, "{@value #FAILURE_PREFIX}" and the message, so one line serves both readers.
 */
public final class EngineEvents {

	public static final String PREFIX = "@sauron ";
	public static final String FAILURE_PREFIX = "error: ";

	private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

	private EngineEvents() {}

	/**
	 * The line that carries the event: for the error stream when it is a {@link EngineEvent.Failure}, else for the
	 * output stream, e.g. {"type":"step","epoch":0,"step":3,"loss":0.41}, {"type":"progress","done":3,"total":7} or
	 * the epoch's record with "type":"epoch".
	 */
	public static String line(final EngineEvent event) {
		if (event instanceof EngineEvent.Failure f) return FAILURE_PREFIX + f.message();
		final JsonObject o;
		if (event instanceof EngineEvent.Step s) {
			o = typed("step");
			o.addProperty("epoch", s.epoch());
			o.addProperty("step", s.step());
			o.addProperty("loss", s.loss());
		} else if (event instanceof EngineEvent.Epoch e) {
			o = GSON.toJsonTree(e.record()).getAsJsonObject();
			o.addProperty("type", "epoch");
		} else if (event instanceof EngineEvent.Progress p) {
			o = typed("progress");
			o.addProperty("done", p.done());
			o.addProperty("total", p.total());
		} else throw new IllegalArgumentException("no line for " + event);
		return PREFIX + GSON.toJson(o);
	}

	/** The event a line of the output stream carries; empty for a plain line, and for one whose event is damaged or of a type not known here. */
	public static Optional<EngineEvent> fromOutput(final String line) {
		if (line == null || !line.startsWith(PREFIX)) return Optional.empty();
		try {
			final JsonObject o = GSON.fromJson(line.substring(PREFIX.length()), JsonObject.class);
			if (o == null) return Optional.empty();
			return Optional.ofNullable(switch (field(o, "type").getAsString()) {
			case "step" -> new EngineEvent.Step(field(o, "epoch").getAsInt(), field(o, "step").getAsInt(), field(o, "loss").getAsFloat());
			case "epoch" -> new EngineEvent.Epoch(GSON.fromJson(o, EpochRecord.class));
			case "progress" -> new EngineEvent.Progress(field(o, "done").getAsInt(), field(o, "total").getAsInt());
			default -> null;
			});
		} catch (final JsonParseException | ClassCastException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	/** The failure a line of the error stream states; empty for any other line (warnings, TensorFlow's log, a crash's trace). */
	public static Optional<EngineEvent.Failure> fromErrors(final String line) {
		if (line == null || !line.startsWith(FAILURE_PREFIX)) return Optional.empty();
		return Optional.of(new EngineEvent.Failure(line.substring(FAILURE_PREFIX.length())));
	}

	private static JsonElement field(final JsonObject o, final String name) {
		final JsonElement e = o.get(name);
		if (e == null || e.isJsonNull()) throw new JsonParseException("no " + name);
		return e;
	}

	private static JsonObject typed(final String type) {
		final JsonObject o = new JsonObject();
		o.addProperty("type", type);
		return o;
	}
}
