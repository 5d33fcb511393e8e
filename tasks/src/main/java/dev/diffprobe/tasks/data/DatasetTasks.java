package dev.diffprobe.tasks.data;

import dev.diffprobe.tasks.Candidate;
import dev.diffprobe.tasks.Example;
import dev.diffprobe.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a dataset's labelled images into a {@link Task} whose candidates are its class prompts. */
public final class DatasetTasks {
    private DatasetTasks() {
    }

    /**
     * A task over {@code images} with one candidate per class; chance is 1 / classes. Example ids
     * are {@code <task name>/<image id>}; attribute {@code class} is the true class name.
     */
    public static Task of(String name, String description, List<LabeledImage> images, List<Candidate> candidates) {
        List<Example> examples = new ArrayList<>(images.size());
        for (LabeledImage image : images) {
            if (image.label() >= candidates.size()) {
                throw new IllegalArgumentException(name + ": image " + image.id() + " has label " + image.label()
                        + " but there are " + candidates.size() + " candidates");
            }
            examples.add(new Example(name + "/" + image.id(), image.image(), candidates, image.label(),
                    Map.of("class", candidates.get(image.label()).name())));
        }
        return new Task(name, description, examples, 1.0 / candidates.size());
    }
}
