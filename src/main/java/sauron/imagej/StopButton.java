package sauron.imagej;

import java.awt.Button;
import java.awt.FlowLayout;
import java.awt.Frame;

import ij.IJ;

/**
 * A small window with one button, "Stop after this epoch": training then ends at the epoch's end and the
 * model is still saved. Esc in ImageJ does the same. Headless there is no window, only {@link #requested()}.
 */
final class StopButton implements AutoCloseable {

	private volatile boolean requested;
	private final Frame frame;

	StopButton(final String title) {
		IJ.resetEscape();
		if (UserMessages.headless()) {
			frame = null;
			return;
		}
		frame = new Frame(title);
		frame.setLayout(new FlowLayout());
		final Button button = new Button("Stop after this epoch");
		button.addActionListener(e -> {
			requested = true;
			button.setEnabled(false);
			button.setLabel("Stopping after this epoch...");
		});
		frame.add(button);
		frame.pack();
		frame.setVisible(true);
	}

	boolean requested() {
		return requested || IJ.escapePressed();
	}

	@Override
	public void close() {
		if (frame != null) frame.dispose();
	}
}
