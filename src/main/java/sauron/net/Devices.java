package sauron.net;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * The devices TensorFlow will run our graphs on, as a session sees them. TensorFlow places every op on the
 * first GPU when there is one and on the CPU otherwise, so this is what tells a user whether training
 * really uses the GPU (a GPU build without a usable driver silently runs on the CPU).
 */
public final class Devices {

	/** One device: its type (CPU, GPU) and TensorFlow's name for it. */
	public record Device(String type, String name) {}

	private Devices() {}

	public static List<Device> list() {
		TensorFlow.version(); // loads the native library through TensorFlow Java's own loader
		final TF_Status status = TF_NewStatus();
		final TF_Graph graph = TF_NewGraph();
		final TF_SessionOptions options = TF_NewSessionOptions();
		try {
			final TF_Session session = TF_NewSession(graph, options, status);
			check(status);
			try {
				final TF_DeviceList devices = TF_SessionListDevices(session, status);
				check(status);
				try {
					final List<Device> list = new ArrayList<>();
					for (int i = 0; i < TF_DeviceListCount(devices); i++)
						list.add(new Device(TF_DeviceListType(devices, i, status).getString(), TF_DeviceListName(devices, i, status).getString()));
					return list;
				} finally {
					TF_DeleteDeviceList(devices);
				}
			} finally {
				TF_CloseSession(session, status);
				TF_DeleteSession(session, status);
			}
		} finally {
			TF_DeleteSessionOptions(options);
			TF_DeleteGraph(graph);
			TF_DeleteStatus(status);
		}
	}

	public static boolean gpuAvailable() {
		return gpuAvailable(list());
	}

	/** Whether graphs run on a GPU with these devices (as {@link #list()} gives them). */
	static boolean gpuAvailable(final List<Device> devices) {
		return devices.stream().anyMatch(Devices::isGpu);
	}

	private static boolean isGpu(final Device device) {
		return device.type().equalsIgnoreCase("GPU");
	}

	/**
	 * "TensorFlow 2.18.0 on GPU /job:localhost/replica:0/task:0/device:GPU:0" or "... on the CPU (no GPU found)":
	 * the line logs start with.
	 */
	public static String describe() {
		return describe(list());
	}

	public static String describe(final List<Device> devices) {
		final List<String> gpus = devices.stream().filter(Devices::isGpu).map(Device::name).toList();
		return "TensorFlow " + TensorFlow.version() + (gpus.isEmpty() ? " on the CPU (no GPU found)" : " on GPU " + String.join(", ", gpus));
	}

	private static TF_DeviceList TF_SessionListDevices(final TF_Session session, final TF_Status status) {
		return org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices(session, status);
	}

	private static void check(final TF_Status status) {
		if (TF_GetCode(status) != TF_OK) throw new IllegalStateException("TensorFlow could not list its devices: " + TF_Message(status).getString());
	}
}
