package org.optbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.optbench.reports.csv.LandscapeCsv;
import org.optbench.reports.csv.RunReader;
import org.optbench.reports.csv.TraceCsv;

/**
 * Everything the reports read from a run directory: the CSV files, the optional trajectories and landscapes of
 * analytic functions, and the optional manifest. Nothing else: a run copied from another machine reports alike.
 *
 * @param traces trajectory per trial id, for the trials that have {@code traces/trial-N.csv}
 * @param landscapes sampled function per data set component string, where {@code landscapes/NAME.csv} exists
 * @param minima known minima per data set component string, where {@code landscapes/NAME-minima.csv} exists
 * @param manifest the parsed {@code manifest.json} in its key order, or an empty map without one
 */
public record RunData(Path directory, List<TrialRow> trials, List<CurveRow> curves,
        Map<Integer, List<TraceCsv.Point>> traces, Map<String, LandscapeCsv.Landscape> landscapes,
        Map<String, List<double[]>> minima, Map<String, Object> manifest) {

    public RunData {
        trials = List.copyOf(trials);
        curves = List.copyOf(curves);
        traces = Collections.unmodifiableMap(new LinkedHashMap<>(traces));
        landscapes = Collections.unmodifiableMap(new LinkedHashMap<>(landscapes));
        minima = Collections.unmodifiableMap(new LinkedHashMap<>(minima));
        manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
    }

    /** Reads a run directory; {@code trials.csv} is required, the rest optional. */
    public static RunData load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ReportException(directory + ": not a directory; give the run directory that holds "
                    + RunFiles.TRIALS + " and " + RunFiles.CURVES);
        }
        Path trialsFile = directory.resolve(RunFiles.TRIALS);
        if (!Files.isRegularFile(trialsFile)) {
            throw new ReportException(directory + ": no " + RunFiles.TRIALS + "; is this a run directory"
                    + " (written by 'optbench run --out DIR')?");
        }
        List<TrialRow> trials = RunReader.readTrials(trialsFile);
        Path curvesFile = directory.resolve(RunFiles.CURVES);
        List<CurveRow> curves = Files.isRegularFile(curvesFile) ? RunReader.readCurves(curvesFile) : List.of();
        Map<Integer, List<TraceCsv.Point>> traces = new LinkedHashMap<>();
        for (TrialRow trial : trials) {
            Path trace = directory.resolve(RunFiles.trace(trial.trial()));
            if (Files.isRegularFile(trace)) {
                traces.put(trial.trial(), TraceCsv.read(trace));
            }
        }
        Set<String> datasets = new LinkedHashSet<>();
        trials.forEach(trial -> datasets.add(trial.configuration().dataset()));
        Map<String, LandscapeCsv.Landscape> landscapes = new LinkedHashMap<>();
        Map<String, List<double[]>> minima = new LinkedHashMap<>();
        for (String dataset : datasets) {
            Path landscape = LandscapeCsv.file(directory, dataset);
            if (Files.isRegularFile(landscape)) {
                landscapes.put(dataset, LandscapeCsv.read(landscape));
            }
            Path minimaFile = LandscapeCsv.minimaFile(directory, dataset);
            if (Files.isRegularFile(minimaFile)) {
                minima.put(dataset, LandscapeCsv.readMinima(minimaFile));
            }
        }
        return new RunData(directory, trials, curves, traces, landscapes, minima, readManifest(directory));
    }

    /** The manifest's fields in file order; empty when there is no manifest. */
    public static Map<String, Object> readManifest(Path directory) {
        Path file = directory.resolve(RunFiles.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> manifest = new ObjectMapper().readValue(file.toFile(),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            return manifest == null ? Map.of() : manifest;
        } catch (JsonProcessingException e) {
            throw new ReportException(file + ":" + e.getLocation().getLineNr() + ": column "
                    + e.getLocation().getColumnNr() + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The run's target as the manifest states it (e.g. {@code val_accuracy >= 0.97}), or null. */
    public String target() {
        Object target = manifest.get("target");
        if (target == null || target.toString().isBlank()) {
            return null;
        }
        return target.toString();
    }

    /**
     * The target of the trials on {@code dataset}: from the manifest's resolved experiment, where each part (or
     * the experiment itself) may name its own target, else the manifest's run-wide {@code target} when the
     * experiment has a single part; null when unknown.
     */
    public String targetFor(String dataset) {
        Object experiment = manifest.get("experiment");
        if (experiment instanceof Map<?, ?> map) {
            Object parts = map.get("parts");
            if (parts instanceof List<?> list && !list.isEmpty()) {
                for (Object part : list) {
                    if (part instanceof Map<?, ?> partMap && mentions(partMap.get("dataset"), dataset)) {
                        Object target = partMap.get("target");
                        return target == null || target.toString().isBlank() ? null : target.toString();
                    }
                }
                return list.size() == 1 ? target() : null;
            }
            Object target = map.get("target");
            if (target != null && !target.toString().isBlank()) {
                return target.toString();
            }
        }
        return target();
    }

    private static boolean mentions(Object datasets, String dataset) {
        if (datasets instanceof List<?> list) {
            return list.stream().anyMatch(item -> dataset.equals(String.valueOf(item)));
        }
        return datasets != null && dataset.equals(datasets.toString());
    }

    /** Whether the run had a target: the manifest names one, or some trial reached one. */
    public boolean hasTarget() {
        return target() != null || trials.stream().anyMatch(trial -> trial.stepsToTarget() >= 0);
    }

    /** The run's name: the manifest's {@code name}, else the directory's name. */
    public String name() {
        Object name = manifest.get("name");
        if (name != null && !name.toString().isBlank()) {
            return name.toString();
        }
        Path fileName = directory.toAbsolutePath().normalize().getFileName();
        return fileName == null ? "run" : fileName.toString();
    }

    /** Whether a configuration minimizes an analytic function (no model, or a landscape was written for it). */
    public boolean isFunction(Configuration configuration) {
        String model = configuration.model().trim();
        return landscapes.containsKey(configuration.dataset()) || model.isEmpty() || model.equals("none")
                || model.equals("-");
    }
}
