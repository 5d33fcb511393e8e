package dev.diffprobe.models;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One TorchScript file of a checkpoint, loaded on a device. Calls go straight to the module's
 * forward (no Predictor, no Translator) with autograd off, so a call costs libtorch's forward plus
 * the copies in and out.
 */
final class TorchModule implements AutoCloseable {

    private final Model model;
    private final String checkpoint;
    private final Path file;
    private final String signature;

    private TorchModule(Model model, String checkpoint, Path file, String signature) {
        this.model = model;
        this.checkpoint = checkpoint;
        this.file = file;
        this.signature = signature;
    }

    /**
     * Loads {@code file}; {@code signature} is the expected forward, quoted in errors.
     *
     * @throws CheckpointException when the file is not a loadable TorchScript module
     */
    static TorchModule load(String checkpoint, Path file, String signature, Device device) {
        Model model = Model.newInstance(file.getFileName().toString(), device, "PyTorch");
        try {
            // mapLocation: weights saved on a GPU load onto the chosen device, and CPU weights move to the GPU.
            model.load(file, null, Map.of("mapLocation", "true"));
            return new TorchModule(model, checkpoint, file, signature);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new CheckpointException(checkpoint,
                    file.getFileName() + " is not a loadable TorchScript module: " + e.getMessage(), e);
        }
    }

    /** Runs forward; the outputs belong to the inputs' manager. */
    NDList forward(NDList inputs) {
        return model.getBlock().forward(new ParameterStore(inputs.head().getManager(), false), inputs, false);
    }

    /**
     * Runs forward once on the given dry-run inputs and checks that it returns one float32 tensor
     * of {@code rank} dimensions whose leading sizes equal {@code expected} (-1 = any). Any
     * failure, including libtorch rejecting the arguments, becomes a {@link CheckpointException}
     * that names the file and the expected signature.
     *
     * @return the output's shape
     */
    Shape check(NDList inputs, int rank, long... expected) {
        NDList outputs;
        try {
            outputs = forward(inputs);
        } catch (RuntimeException e) {
            throw mismatch("forward failed on inputs " + shapes(inputs) + ": " + firstLine(e.getMessage()), e);
        }
        if (outputs.size() != 1) {
            throw mismatch("forward returned " + outputs.size() + " values, expected one tensor", null);
        }
        NDArray output = outputs.singletonOrThrow();
        Shape shape = output.getShape();
        boolean fits = shape.dimension() == rank && output.getDataType() == DataType.FLOAT32;
        for (int i = 0; fits && i < expected.length; i++) {
            fits = expected[i] < 0 || shape.get(i) == expected[i];
        }
        if (!fits) {
            throw mismatch("forward on inputs " + shapes(inputs) + " returned " + output.getDataType()
                    + " " + shape + ", expected float32 of rank " + rank + " starting " + describe(expected), null);
        }
        return shape;
    }

    @Override
    public void close() {
        model.close();
    }

    private CheckpointException mismatch(String what, Throwable cause) {
        return new CheckpointException(checkpoint,
                file.getFileName() + " does not fit the signature " + signature + ": " + what, cause);
    }

    private static String shapes(NDList inputs) {
        StringBuilder text = new StringBuilder("(");
        for (NDArray input : inputs) {
            text.append(text.length() > 1 ? ", " : "").append(input.getDataType()).append(' ').append(input.getShape());
        }
        return text.append(')').toString();
    }

    private static String describe(long[] expected) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            text.append(i > 0 ? ", " : "").append(expected[i] < 0 ? "*" : String.valueOf(expected[i]));
        }
        return text.append(']').toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
