package dev.diffprobe.tasks.data;

import dev.diffprobe.tasks.ImageSource;

/** One image of a dataset: a stable id within the dataset, its class index and its pixels. */
public record LabeledImage(String id, int label, ImageSource image) {
}
