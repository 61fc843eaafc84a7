// SPDX-License-Identifier: Apache-2.0
/**
 * Vigil's active-probing source: Trinocular-style beliefs about /24 blocks, with IODA's parameters,
 * probed through scamper.
 *
 * <ul>
 *   <li>{@link org.vigil.probe.BeliefModel}: the Bayesian belief, its thresholds and eligibility.
 *   <li>{@link org.vigil.probe.TargetList} (read by {@link org.vigil.probe.HitlistReader}, built by
 *       {@link org.vigil.probe.Discovery}): the blocks with E(b) and A(E(b)).
 *   <li>{@link org.vigil.probe.Prober}: the rounds, the scheduler and the rate limit, over a {@link
 *       org.vigil.probe.ProbeEngine}: {@link org.vigil.probe.ScamperEngine} for real, {@link
 *       org.vigil.probe.SimulatedEngine} and {@link org.vigil.probe.RecordedEngine} for tests.
 *   <li>{@link org.vigil.probe.ProbeSignalAggregator}: rounds to {@code probe.up_slash24}, {@code
 *       probe.down_slash24} and {@code probe.uncertain_slash24} per entity, through a {@link
 *       org.vigil.probe.BlockEntities} mapping such as {@link org.vigil.probe.PrefixEntityTable}.
 *   <li>{@link org.vigil.probe.ProbeImport}: results made elsewhere (CSV, scamper JSON, warts)
 *       through the same beliefs to the same signals.
 * </ul>
 *
 * <p>The three commands, in library form:
 *
 * <pre>{@code
 * // vigil probe run --targets FILE --rate PPS --round DURATION --rounds N
 * TargetList targets = TargetList.read(targetsFile, System.err::println);
 * ProberConfig config = ProberConfig.defaults().withRate(pps).withRound(round);
 * ProbeSignalAggregator signals = ProbeSignalAggregator.create(targets, entities);
 * try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.of(config))) {
 *   Prober prober = Prober.create(targets, engine, InstantSource.system(), config);
 *   if (Files.exists(stateFile)) prober.loadState(stateFile);
 *   prober.run(rounds, r -> {
 *     store.ingestSeries(input, signals.series(r));
 *     prober.saveState(stateFile);
 *   });
 * }
 *
 * // vigil probe discover PREFIX... --out FILE
 * try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.defaults(pps, 2))) {
 *   Discovery.Result r = Discovery.scan(prefixes, Discovery.Options.defaults(pps), engine,
 *       InstantSource.system(), sent -> {});
 *   r.targets().write(outFile);
 * }
 *
 * // vigil ingest probes FILE...
 * ProbeImport.Result r = ProbeImport.importFiles(files, entities, ProbeImport.Options.defaults(),
 *     System.err::println);
 * store.ingestSeries(input, r.series());
 * }</pre>
 */
package org.vigil.probe;
