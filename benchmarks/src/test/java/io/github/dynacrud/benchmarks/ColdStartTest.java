package io.github.dynacrud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdStartTest {
    @TempDir
    Path directory;

    @Test
    void classesBeforeAndByFirstRequest_splitsTheLogAtItsMarkers() throws Exception {
        // GIVEN a class loading log: two classes, the priming marker, three classes, the answer's marker
        Path log = Files.write(directory.resolve("classes.log"), List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.020s][info][class,load] io.github.dynacrud.examples.todo.TodoHandler source: file:/task/",
                "[0.030s][info][gc] not a class",
                "[0.040s][info][class,load] " + PrimingReach.Primed.class.getName() + " source: file:/bench/",
                "[0.050s][info][class,load] a.First source: file:/task/",
                "[0.060s][info][class,load] a.Second source: file:/task/",
                "[0.070s][info][class,load] a.Third source: file:/task/",
                "[0.080s][info][class,load] " + PrimingReach.Answered.class.getName() + " source: file:/bench/",
                "[0.090s][info][class,load] a.Later source: file:/task/"));

        // WHEN
        List<Integer> counts = ColdStart.classesBeforeAndByFirstRequest(log);

        // THEN
        assertThat(counts).containsExactly(2, 3);
        assertThat(ColdStart.classesLoaded(log)).isEqualTo(8);
    }

    @Test
    void classesBeforeAndByFirstRequest_logWithoutMarkers_isRefused() throws Exception {
        Path log = Files.write(directory.resolve("classes.log"),
                List.of("[0.010s][info][class,load] java.lang.Object source: shared objects file"));

        assertThatThrownBy(() -> ColdStart.classesBeforeAndByFirstRequest(log))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Primed");
    }
}
