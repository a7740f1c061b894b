package sauron.imagej;

import java.awt.Button;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;

import ij.IJ;
import ij.ImageJ;

/**
 * A small window with one button, "Stop after this epoch": training then ends at the epoch's end and the
 * model is still saved. Esc in ImageJ and closing the window do the same. It sits beside the ImageJ window,
 * where plots and images do not cover it. Headless there is no window, only {@link #requested()}.
 */
final class StopButton implements AutoCloseable {

	private volatile boolean requested;
	private final Frame frame;

	StopButton(final String title) {
		IJ.resetEscape(); // Esc is ImageJ 1's key (no SciJava service sees it): one pressed before this run must not stop it
		if (UserMessages.headless()) {
			frame = null;
			return;
		}
		frame = new Frame(title);
		frame.setLayout(new FlowLayout());
		final Button button = new Button("Stop after this epoch");
		final Runnable stop = () -> {
			requested = true;
			button.setEnabled(false);
			button.setLabel("Stopping after this epoch...");
			frame.pack();
		};
		button.addActionListener(e -> stop.run());
		frame.addWindowListener(new WindowAdapter() {
			@Override
			public void windowClosing(final WindowEvent e) { stop.run(); }
		});
		frame.add(button);
		frame.pack();
		placeBesideImageJ(frame);
		frame.setVisible(true);
	}

	/** To the right of the ImageJ window if the screen has room, else just below its right end. */
	private static void placeBesideImageJ(final Frame frame) {
		final ImageJ ij = IJ.getInstance();
		if (ij == null || !ij.isShowing()) return;
		final java.awt.Rectangle b = ij.getBounds();
		if (b.x + b.width + 4 + frame.getWidth() <= IJ.getScreenSize().width) frame.setLocation(b.x + b.width + 4, b.y);
		else frame.setLocation(Math.max(0, b.x + b.width - frame.getWidth()), b.y + b.height + 4);
	}

	boolean requested() {
		return requested || IJ.escapePressed();
	}

	@Override
	public void close() {
		if (frame != null) frame.dispose();
	}
}
