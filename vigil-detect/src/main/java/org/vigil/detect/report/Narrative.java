// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.CountryZones;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.classify.InputRef;
import org.vigil.detect.classify.Kind;
import org.vigil.detect.classify.Mechanism;
import org.vigil.detect.classify.Pattern;
import org.vigil.detect.classify.Restoration;
import org.vigil.detect.classify.Scope;
import org.vigil.detect.classify.SignalEvent;
import org.vigil.detect.classify.SignalFamily;

/**
 * An episode told in plain words for a statement: each step with its date and time in UTC and in
 * the country's local time, what was affected, how much, how it ended, and a reference to the
 * events, signals and input files behind each sentence. Deterministic: the same episode gives the
 * same text.
 *
 * <pre>{@code
 * Episode kz = Episode.group("KZ", events).get(0);
 * Narrative n = Narrative.of(kz, "Kazakhstan", ZoneId.of("Asia/Almaty"), ratings);
 * System.out.println(n.text());
 * // Kazakhstan: internet disruption, 4–11 January 2022 (Vigil episode 5d1c0e0f9a3b; ...)
 * //
 * // From 4 January 2022 at 06:00 UTC (12:00 local time), OONI measurements in Kazakhstan found
 * // Signal, Telegram and WhatsApp blocked nationwide. [1] ...
 * }</pre>
 *
 * <p>The steps: a country's own blackout or outage makes one step with every cut of its regions and
 * networks while it lasted, told as the nationwide cut (when, how deep, where, how routes behaved,
 * which networks came back days before the others, when connectivity was back for good) and then
 * the story of each region or network whose cuts differ from the country's (cut several times, on a
 * curfew pattern, or back hours apart); other events of one kind whose times overlap make one step
 * (throttling: the country's figure, the networks hit hardest, the regions as a range); the other
 * events of one entity that share a recurring pattern make one step of their own. Steps are told in
 * order of their start.
 */
public final class Narrative {
  /**
   * One sentence and what it rests on.
   *
   * @param text the sentence, ending with its full stop
   * @param events the ids of the events it rests on ({@code entity key} for unpublished ones)
   * @param signals the signal names of those events
   * @param inputs the input files of those events (or of the ratings, for the country's standing)
   */
  public record Sentence(
      String text, List<String> events, List<String> signals, List<InputRef> inputs) {
    public Sentence {
      Objects.requireNonNull(text, "text");
      events = List.copyOf(events);
      signals = List.copyOf(signals);
      inputs = List.copyOf(inputs);
    }

    boolean sameEvidence(Sentence o) {
      return events.equals(o.events) && signals.equals(o.signals) && inputs.equals(o.inputs);
    }

    boolean hasEvidence() {
      return !events.isEmpty() || !signals.isEmpty() || !inputs.isEmpty();
    }
  }

  private static final DateTimeFormatter DAY_MONTH_CLOCK =
      DateTimeFormatter.ofPattern("d MMMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private final String episodeId;
  private final String title;
  private final List<Sentence> sentences;
  private final int stepSentences;

  private Narrative(String episodeId, String title, List<Sentence> sentences, int stepSentences) {
    this.episodeId = episodeId;
    this.title = title;
    this.sentences = List.copyOf(sentences);
    this.stepSentences = stepSentences;
  }

  /**
   * The narrative of {@code episode} with the country's name taken from its country-level events
   * (its code when it has none), its local time from {@link CountryZones#load()}, and no ratings.
   */
  public static Narrative of(Episode episode) {
    String name = episode.country();
    for (ClassifiedEvent e : episode.events()) {
      if (e.entity().type() == EntityType.COUNTRY) {
        name = e.entity().name();
        break;
      }
    }
    return of(episode, name, CountryZones.load().zoneOrUtc(episode.country()), List.of());
  }

  /**
   * The narrative of {@code episode}.
   *
   * @param countryName the country's name as the text should give it
   * @param local the country's local time; UTC gives UTC times only
   * @param ratings the country's standing ({@link CountryRating#forYear}); its sentence ends the
   *     narrative when not empty
   */
  public static Narrative of(
      Episode episode, String countryName, ZoneId local, List<CountryRating> ratings) {
    return of(episode, countryName, local, ratings, 0);
  }

  /**
   * The narrative of {@code episode}, knowing how many of the country's regions were measured: a
   * step that reached every one of them says so ({@code in all 17 regions}).
   *
   * @param regionsMeasured the number of the country's regions with series in the store; 0 when not
   *     known
   */
  public static Narrative of(
      Episode episode,
      String countryName,
      ZoneId local,
      List<CountryRating> ratings,
      int regionsMeasured) {
    Objects.requireNonNull(episode, "episode");
    Objects.requireNonNull(countryName, "countryName");
    Objects.requireNonNull(local, "local");
    Teller t = new Teller(countryName, local, regionsMeasured, episode.events());
    List<Sentence> out = new ArrayList<>();
    for (Step s : steps(episode)) {
      out.addAll(t.tell(s));
    }
    int steps = out.size();
    if (episode.events().size() > 1 || episode.end() == null) {
      out.add(t.closing(episode)); // one ended event: its own sentences said when it ended
    }
    String standing = CountryRating.sentence(countryName, ratings);
    if (!standing.isEmpty()) {
      Set<InputRef> sources = new LinkedHashSet<>();
      for (CountryRating r : ratings) {
        if (r.source() != null) {
          sources.add(r.source());
        }
      }
      out.add(new Sentence(standing, List.of(), List.of(), new ArrayList<>(sources)));
    }
    return new Narrative(episode.id(), title(episode, countryName, local), out, steps);
  }

  public String episodeId() {
    return episodeId;
  }

  /**
   * The heading: {@code Kazakhstan: internet disruption, 4–11 January 2022 (Vigil episode
   * 5d1c0e0f9a3b; times in UTC, local time in Asia/Almaty, UTC+6)}.
   */
  public String title() {
    return title;
  }

  /** Every sentence: the steps', the closing one, and the country's standing when given. */
  public List<Sentence> sentences() {
    return sentences;
  }

  /** The sentences that tell the steps, without the closing one or the country's standing. */
  public List<Sentence> steps() {
    return sentences.subList(0, stepSentences);
  }

  /**
   * The narrative as plain text: the title, a blank line, the sentences as one paragraph with a
   * reference {@code [n]} after each run of sentences that rest on the same evidence, a blank line,
   * and the numbered evidence. Lines are not wrapped, so the paragraph pastes as one.
   */
  public String text() {
    List<Sentence> refs = new ArrayList<>();
    StringBuilder para = new StringBuilder();
    for (int i = 0; i < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      if (para.length() > 0) {
        para.append(' ');
      }
      para.append(s.text());
      boolean lastOfRun = i + 1 == sentences.size() || !s.sameEvidence(sentences.get(i + 1));
      if (lastOfRun && s.hasEvidence()) {
        int n = indexOf(refs, s) + 1;
        if (n == 0) {
          refs.add(s);
          n = refs.size();
        }
        para.append(" [").append(n).append(']');
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(title).append("\n\n").append(para).append("\n\nEvidence:\n");
    for (int i = 0; i < refs.size(); i++) {
      out.append('[').append(i + 1).append("] ").append(evidence(refs.get(i))).append('\n');
    }
    return out.toString();
  }

  private static int indexOf(List<Sentence> refs, Sentence s) {
    for (int i = 0; i < refs.size(); i++) {
      if (refs.get(i).sameEvidence(s)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code events a, b; signals x, y; inputs f.csv (sha256 0123456789ab)}. */
  static String evidence(Sentence s) {
    List<String> parts = new ArrayList<>();
    if (!s.events().isEmpty()) {
      parts.add((s.events().size() == 1 ? "event " : "events ") + String.join(", ", s.events()));
    }
    if (!s.signals().isEmpty()) {
      parts.add(
          (s.signals().size() == 1 ? "signal " : "signals ") + String.join(", ", s.signals()));
    }
    if (!s.inputs().isEmpty()) {
      List<String> files = new ArrayList<>();
      for (InputRef f : s.inputs()) {
        files.add(f.fileName() + " (sha256 " + f.shortSha256() + ")");
      }
      String label =
          s.events().isEmpty()
              ? "country ratings loaded from "
              : files.size() == 1 ? "input " : "inputs ";
      parts.add(label + String.join(", ", files));
    }
    return String.join("; ", parts);
  }

  private static String title(Episode e, String countryName, ZoneId local) {
    String zone =
        Prose.isUtc(local)
            ? "times in UTC"
            : "times in UTC, local time in "
                + local.getId()
                + ", "
                + Prose.offset(local, e.start());
    return countryName
        + ": internet disruption, "
        + dateRange(e.start(), e.end())
        + " (Vigil episode "
        + e.id()
        + "; "
        + zone
        + ")";
  }

  /** {@code 4–11 January 2022}, {@code 28 December 2021 – 3 January 2022}, {@code since ...}. */
  static String dateRange(long start, Long end) {
    ZonedDateTime a = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
    DateTimeFormatter full = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    if (end == null) {
      return "since " + full.format(a);
    }
    // The end is exclusive: an episode ending at midnight ended on the day before.
    ZonedDateTime b = Instant.ofEpochSecond(Math.max(start, end - 1)).atZone(ZoneOffset.UTC);
    if (a.toLocalDate().equals(b.toLocalDate())) {
      return full.format(a);
    }
    if (a.getYear() == b.getYear() && a.getMonth() == b.getMonth()) {
      return a.getDayOfMonth() + "–" + full.format(b);
    }
    return full.format(a) + " – " + full.format(b);
  }

  // --- steps ---

  /**
   * Events told together: one kind overlapping in time, one entity's recurring pattern, or a
   * nationwide cut ({@code lead}, the country's own event) with every region and network cut while
   * it lasted.
   */
  record Step(Kind kind, Pattern pattern, List<ClassifiedEvent> events, ClassifiedEvent lead) {
    long start() {
      return events.get(0).start();
    }

    Long end() {
      long until = Long.MIN_VALUE;
      for (ClassifiedEvent e : events) {
        until = Math.max(until, e.until());
      }
      return until == Long.MAX_VALUE ? null : until;
    }
  }

  private static boolean isCut(ClassifiedEvent e) {
    return e.kind() == Kind.BLACKOUT || e.kind() == Kind.OUTAGE;
  }

  private static final Comparator<ClassifiedEvent> BY_START =
      Comparator.comparingLong(ClassifiedEvent::start)
          .thenComparing(e -> e.entity().key())
          .thenComparingLong(ClassifiedEvent::until);

  static List<Step> steps(Episode episode) {
    List<ClassifiedEvent> sorted = new ArrayList<>(episode.events());
    sorted.sort(BY_START);
    List<Step> steps = new ArrayList<>();
    // A country's own cut leads every cut of its regions and networks while it lasted, whatever
    // their kind or pattern: told as one nationwide cut with each place's own story.
    Set<ClassifiedEvent> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ClassifiedEvent lead : sorted) {
      if (!isCut(lead)
          || lead.entity().type() != EntityType.COUNTRY
          || lead.scope() != Scope.NATIONWIDE
          || lead.pattern() != null // a country's curfew is told as its recurring cuts
          || used.contains(lead)) {
        continue;
      }
      List<ClassifiedEvent> members = new ArrayList<>(List.of(lead));
      used.add(lead);
      for (ClassifiedEvent e : sorted) {
        if (!used.contains(e)
            && isCut(e)
            && e.entity().type() != EntityType.COUNTRY
            && e.start() < lead.until()
            && lead.start() < e.until()) {
          members.add(e);
          used.add(e);
        }
      }
      members.sort(BY_START);
      steps.add(new Step(lead.kind(), null, members, lead));
    }
    Map<Kind, List<ClassifiedEvent>> byKind = new EnumMap<>(Kind.class);
    Map<String, List<ClassifiedEvent>> patterned = new TreeMap<>();
    for (ClassifiedEvent e : sorted) {
      if (used.contains(e)) {
        continue;
      }
      if (e.pattern() != null) {
        patterned
            .computeIfAbsent(e.entity().key() + "|" + e.pattern().key(), k -> new ArrayList<>())
            .add(e);
      } else {
        byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
      }
    }
    for (Map.Entry<Kind, List<ClassifiedEvent>> k : byKind.entrySet()) {
      List<ClassifiedEvent> current = new ArrayList<>();
      long until = Long.MIN_VALUE;
      for (ClassifiedEvent e : k.getValue()) {
        if (!current.isEmpty() && e.start() >= until) {
          steps.add(new Step(k.getKey(), null, current, null));
          current = new ArrayList<>();
        }
        until = current.isEmpty() ? e.until() : Math.max(until, e.until());
        current.add(e);
      }
      if (!current.isEmpty()) {
        steps.add(new Step(k.getKey(), null, current, null));
      }
    }
    for (List<ClassifiedEvent> p : patterned.values()) {
      steps.add(new Step(p.get(0).kind(), p.get(0).pattern(), p, null));
    }
    steps.sort(
        Comparator.comparingLong(Step::start)
            .thenComparing(s -> s.pattern() == null ? -1 : s.pattern().ordinal())
            .thenComparing(s -> s.kind().ordinal())
            .thenComparing(s -> s.events().get(0).entity().key()));
    return steps;
  }

  // --- sentences ---

  /** Writes the sentences of steps for one country and zone. */
  private static final class Teller {
    /** A place whose cut ended this much before or after the country's has a story of its own. */
    private static final long APART = 6 * 3_600;

    /** Networks back this much before the others came back "days apart". */
    private static final long DAYS_APART = 24 * 3_600;

    private final String country;
    private final ZoneId local;
    private final int regionsMeasured;
    private final List<ClassifiedEvent> episode;

    Teller(String country, ZoneId local, int regionsMeasured, List<ClassifiedEvent> episode) {
      this.country = country;
      this.local = local;
      this.regionsMeasured = regionsMeasured;
      this.episode = episode;
    }

    List<Sentence> tell(Step s) {
      if (s.lead() != null) {
        return nationwide(s);
      }
      if (s.pattern() != null) {
        return recurring(s);
      }
      return switch (s.kind()) {
        case BLACKOUT, OUTAGE -> cut(s);
        case THROTTLING -> throttling(s);
        case PLATFORM_BLOCKING -> blocking(s);
      };
    }

    private String moment(long t) {
      return Prose.moment(t, local);
    }

    /**
     * A country's cut: when it began and how deep, where it reached, how routes behaved, how it
     * came back (networks days apart; each region or network whose story differs from the
     * country's, told on its own), and when connectivity was back for good.
     */
    private List<Sentence> nationwide(Step s) {
      ClassifiedEvent lead = s.lead();
      String noun = s.kind() == Kind.BLACKOUT ? "blackout" : "outage";
      Sentence evidence =
          evidence(
              s.events(),
              "On "
                  + moment(lead.start())
                  + ", a nationwide "
                  + noun
                  + " began in "
                  + country
                  + ": "
                  + amounts(List.of(lead), lead, "fell")
                  + ".");
      List<Sentence> out = new ArrayList<>();
      out.add(evidence);
      String reach = reach(s.events());
      if (!reach.isEmpty()) {
        out.add(again(evidence, reach));
      }
      String routes = routes(lead);
      if (!routes.isEmpty()) {
        out.add(again(evidence, routes));
      }
      Restoration r = restoration(s.events(), lead);
      if (r != null) {
        out.add(again(evidence, restorationSentence(r)));
      }
      Map<Entity, List<ClassifiedEvent>> places = new LinkedHashMap<>();
      for (ClassifiedEvent e : s.events()) {
        if (e != lead) {
          places.computeIfAbsent(e.entity(), k -> new ArrayList<>()).add(e);
        }
      }
      Set<Entity> toldEarly = new LinkedHashSet<>();
      Sentence early = networksApart(places, toldEarly);
      if (early != null) {
        out.add(early);
      }
      for (Map.Entry<Entity, List<ClassifiedEvent>> p : places.entrySet()) {
        if (!toldEarly.contains(p.getKey()) && differs(p.getValue(), lead)) {
          out.addAll(place(p.getKey(), p.getValue(), lead, noun));
        }
      }
      out.add(again(evidence, nationwideEnding(noun, s, lead)));
      return out;
    }

    /**
     * {@code It cut off all 17 regions, and 7 networks: Kazakhtelecom (AS9198), ...}: the regions
     * and networks cut while the country was.
     */
    private String reach(List<ClassifiedEvent> events) {
      Set<String> regions = new TreeSet<>();
      Set<String> networks = new TreeSet<>();
      for (ClassifiedEvent e : events) {
        switch (e.entity().type()) {
          case REGION -> regions.add(Prose.name(e.entity()));
          case ASN -> networks.add(Prose.name(e.entity()));
          case COUNTRY -> {}
        }
      }
      List<String> parts = new ArrayList<>();
      if (!regions.isEmpty()) {
        parts.add(regionsPhrase(regions));
      }
      if (!networks.isEmpty()) {
        parts.add(
            networks.size() <= 8
                ? Prose.plural(networks.size(), "network")
                    + ": "
                    + Prose.list(new ArrayList<>(networks))
                : Prose.plural(networks.size(), "network"));
      }
      return parts.isEmpty() ? "" : "It cut off " + String.join(", and ", parts) + ".";
    }

    /**
     * {@code all 17 regions}, {@code Almaty and Shymkent}, {@code 6 regions (Aktobe, ...)}, {@code
     * 12 regions}.
     */
    private String regionsPhrase(Set<String> regions) {
      int n = regions.size();
      if (n == regionsMeasured && n > 1) {
        return "all " + Prose.plural(n, "region");
      }
      if (n <= 4) {
        return Prose.list(new ArrayList<>(regions));
      }
      return n <= 8
          ? Prose.plural(n, "region") + " (" + String.join(", ", regions) + ")"
          : Prose.plural(n, "region");
    }

    private static String restorationSentence(Restoration r) {
      return switch (r) {
        case FULL ->
            "When connectivity came back, it came back fully, to its usual level for at least a"
                + " day.";
        case PARTIAL ->
            "Restoration was partial: over the day after connectivity came back, it stayed"
                + " between half and 90 % of its usual level.";
        case UNSTABLE ->
            "Restoration was unstable: connectivity came back, then fell below half of its usual"
                + " level again within a day.";
      };
    }

    /**
     * Networks that came back days before the others (Kazakhstan: Transtelecom on 7 January, the
     * end-user networks on 11 January), or {@code null}. The early ones are added to {@code told}.
     */
    private Sentence networksApart(Map<Entity, List<ClassifiedEvent>> places, Set<Entity> told) {
      List<Map.Entry<Entity, Long>> ends = new ArrayList<>();
      for (Map.Entry<Entity, List<ClassifiedEvent>> p : places.entrySet()) {
        if (p.getKey().type() == EntityType.ASN) {
          long until = Long.MIN_VALUE;
          for (ClassifiedEvent e : p.getValue()) {
            until = Math.max(until, e.until());
          }
          ends.add(Map.entry(p.getKey(), until));
        }
      }
      if (ends.size() < 2) {
        return null;
      }
      ends.sort(Map.Entry.comparingByValue());
      int split = -1;
      long widest = 0;
      for (int i = 0; i + 1 < ends.size(); i++) {
        long gap = ends.get(i + 1).getValue() - ends.get(i).getValue();
        if (ends.get(i).getValue() != Long.MAX_VALUE && gap > widest) {
          widest = gap;
          split = i;
        }
      }
      int late = ends.size() - split - 1;
      if (split < 0 || widest < DAYS_APART || split + 1 >= late) {
        return null; // no gap of a day, or not a few networks ahead of most
      }
      List<String> names = new ArrayList<>();
      List<ClassifiedEvent> events = new ArrayList<>();
      for (int i = 0; i <= split; i++) {
        Entity e = ends.get(i).getKey();
        told.add(e);
        names.add(Prose.name(e));
        events.addAll(places.get(e));
      }
      long earlyEnd = ends.get(split).getValue();
      long lateStart = ends.get(split + 1).getValue();
      String others = "the other " + Prose.plural(late, "network");
      String rest =
          lateStart == Long.MAX_VALUE
              ? ", while " + others + " were still cut at the end of the data."
              : ", "
                  + Prose.duration(lateStart - earlyEnd)
                  + " before "
                  + others
                  + ", which came back only from "
                  + moment(lateStart)
                  + ".";
      return evidence(
          events,
          "Networks came back days apart, the pattern of infrastructure restored before end users: "
              + Prose.list(names)
              + (split == 0 ? " was back on " : " were back by ")
              + moment(earlyEnd)
              + rest);
    }

    /** Whether a place's cuts tell a story the country's does not. */
    private static boolean differs(List<ClassifiedEvent> cuts, ClassifiedEvent lead) {
      if (cuts.size() > 1) {
        return true;
      }
      ClassifiedEvent c = cuts.get(0);
      if (c.end() == null) {
        return false; // the country's ending names what was still cut
      }
      if (lead.end() == null) {
        return true;
      }
      return Math.abs(c.end() - lead.end()) >= APART;
    }

    /** One region's or network's own story within a nationwide cut. */
    private List<Sentence> place(
        Entity who, List<ClassifiedEvent> cuts, ClassifiedEvent lead, String noun) {
      String name = Prose.name(who);
      ClassifiedEvent last = cuts.get(cuts.size() - 1);
      List<Sentence> out = new ArrayList<>();
      Sentence first;
      if (cuts.size() == 1) {
        first = evidence(cuts, name + comeback(last, lead, noun));
        out.add(first);
        return out;
      }
      boolean curfew = false;
      boolean intermittent = false;
      boolean ended = true;
      long total = 0;
      List<String> spans = new ArrayList<>();
      for (ClassifiedEvent c : cuts) {
        curfew |= c.pattern() == Pattern.CURFEW;
        intermittent |= c.pattern() == Pattern.INTERMITTENT;
        ended &= c.end() != null;
        total += c.end() == null ? 0 : c.end() - c.start();
        spans.add(span(c.start(), c.end()));
      }
      int n = cuts.size();
      first =
          evidence(
              cuts,
              name
                  + " was cut off "
                  + (n == 2 ? "twice" : n + " times")
                  + (curfew
                      ? " at similar clock times on consecutive days, a curfew-style pattern"
                      : intermittent ? ", an intermittent pattern" : "")
                  + (ended ? ", " + Prose.hours(total) + " without connectivity in all" : "")
                  + ": "
                  + Prose.list(spans)
                  + ".");
      out.add(first);
      List<Long> gaps = new ArrayList<>();
      for (int i = 0; i + 1 < n; i++) {
        if (cuts.get(i).end() != null && cuts.get(i + 1).start() > cuts.get(i).end()) {
          gaps.add(cuts.get(i + 1).start() - cuts.get(i).end());
        }
      }
      if (gaps.size() == 1) {
        ClassifiedEvent before = null;
        for (int i = 0; i + 1 < n && before == null; i++) {
          if (cuts.get(i).end() != null && cuts.get(i + 1).start() > cuts.get(i).end()) {
            before = cuts.get(i);
          }
        }
        long back = before.end();
        out.add(
            again(
                first,
                "In between, connectivity came back only once, for "
                    + Prose.duration(gaps.get(0))
                    + ": "
                    + span(back, back + gaps.get(0))
                    + "."));
      } else if (gaps.size() > 1) {
        long min = Collections.min(gaps);
        long max = Collections.max(gaps);
        out.add(
            again(
                first,
                "In between, connectivity came back "
                    + gaps.size()
                    + " times, for "
                    + (min == max
                        ? Prose.duration(min)
                        : Prose.duration(min) + " to " + Prose.duration(max))
                    + " each time."));
      }
      out.add(again(first, "At the lowest, " + amounts(cuts, null, "fell") + "."));
      out.add(again(first, "It" + comeback(last, lead, noun)));
      return out;
    }

    /**
     * {@code was back for good on ..., 20 hours 40 minutes before the rest of the country.}: when a
     * place's last cut ended, against the country's.
     */
    private String comeback(ClassifiedEvent last, ClassifiedEvent lead, String noun) {
      if (last.end() == null) {
        return " was still cut at the end of the data"
            + (lead.end() == null ? "." : ", after the nationwide " + noun + " had ended.");
      }
      String back = " was back for good on " + moment(last.end());
      if (lead.end() == null) {
        return back + ", while the rest of the country was still cut.";
      }
      long diff = lead.end() - last.end();
      if (Math.abs(diff) < 3_600) {
        return back + ", with the rest of the country.";
      }
      return back
          + ", "
          + Prose.duration(Math.abs(diff))
          + (diff > 0 ? " before" : " after")
          + " the rest of the country.";
    }

    /**
     * When the country's cut ended: connectivity back for good when no cut followed in the episode,
     * with the time the last places followed; or what was still cut at the end of the data.
     */
    private String nationwideEnding(String noun, Step s, ClassifiedEvent lead) {
      if (lead.end() == null) {
        return "The " + noun + " was still going on at the end of the data.";
      }
      List<ClassifiedEvent> open = new ArrayList<>();
      for (ClassifiedEvent e : s.events()) {
        if (e.end() == null) {
          open.add(e);
        }
      }
      String after = Prose.duration(lead.end() - lead.start()) + " after it began";
      if (!open.isEmpty()) {
        return "Across "
            + country
            + " the "
            + noun
            + " ended on "
            + moment(lead.end())
            + ", "
            + after
            + "; in "
            + where(open)
            + " it was still going on at the end of the data.";
      }
      boolean cutAgain = false;
      for (ClassifiedEvent e : episode) {
        cutAgain |= isCut(e) && e.start() >= lead.end();
      }
      String last =
          s.end() > lead.end()
              ? "; the last regions and networks were back by " + clock(s.end())
              : "";
      return (cutAgain
              ? "The " + noun + " ended on " + moment(lead.end()) + ", " + after
              : "Stable connectivity returned on "
                  + moment(lead.end())
                  + ", when the "
                  + noun
                  + " ended, "
                  + after)
          + last
          + ".";
    }

    /** {@code 02:50 UTC (08:50 local time)}, with the date when it is not the same. */
    private String clock(long t) {
      ZonedDateTime a = Instant.ofEpochSecond(t).atZone(ZoneOffset.UTC);
      String utc = CLOCK.format(a) + " UTC";
      return Prose.isUtc(local)
          ? utc
          : utc + " (" + CLOCK.format(a.withZoneSameInstant(local)) + " local time)";
    }

    /** A blackout or outage, with the regions and networks cut with it. */
    private List<Sentence> cut(Step s) {
      ClassifiedEvent lead = lead(s.events());
      boolean nationwide = anyScope(s.events(), Scope.NATIONWIDE);
      String noun = s.kind() == Kind.BLACKOUT ? "blackout" : "outage";
      StringBuilder first = new StringBuilder();
      first.append("On ").append(moment(s.start())).append(", ");
      if (nationwide) {
        first.append("a nationwide ").append(noun).append(" began in ").append(country);
        String also = others(s.events(), lead.entity());
        if (!also.isEmpty()) {
          first.append(", affecting ").append(also);
        }
      } else {
        first
            .append(s.kind() == Kind.BLACKOUT ? "a blackout" : "an outage")
            .append(" began in ")
            .append(where(s.events()));
      }
      first.append(": ").append(amounts(s.events(), lead, "fell")).append('.');
      Sentence evidence = evidence(s.events(), first.toString());
      List<Sentence> out = new ArrayList<>();
      out.add(evidence);
      String routes = routes(lead);
      if (!routes.isEmpty()) {
        out.add(again(evidence, routes));
      }
      Restoration r = restoration(s.events(), lead);
      if (r != null) {
        out.add(again(evidence, restorationSentence(r)));
      }
      out.add(again(evidence, ending("The " + noun, s)));
      return out;
    }

    /**
     * Traffic down, probing up: the country's figure first, then the networks hit hardest, then the
     * regions as a range ({@code to 63–66 % in all 17 regions}).
     */
    private List<Sentence> throttling(Step s) {
      List<ClassifiedEvent> countries = new ArrayList<>();
      List<ClassifiedEvent> networks = new ArrayList<>();
      List<ClassifiedEvent> regions = new ArrayList<>();
      for (ClassifiedEvent e : s.events()) {
        switch (e.entity().type()) {
          case COUNTRY -> countries.add(e);
          case ASN -> networks.add(e);
          case REGION -> regions.add(e);
        }
      }
      Comparator<ClassifiedEvent> deepest =
          Comparator.comparingDouble(
                  (ClassifiedEvent e) -> lowest(List.of(e), SignalFamily.TRAFFIC))
              .thenComparing(e -> e.entity().key());
      networks.sort(deepest);
      regions.sort(deepest);
      List<String> parts = new ArrayList<>();
      for (ClassifiedEvent c : countries) {
        parts.add(
            "to "
                + Prose.percent(lowest(List.of(c), SignalFamily.TRAFFIC))
                + " of its usual level across "
                + Prose.name(c.entity()));
      }
      parts.addAll(throttled(networks, "on ", "network", !countries.isEmpty()));
      parts.addAll(throttled(regions, "in ", "region", false));
      if (countries.isEmpty() && !parts.isEmpty()) {
        parts.set(0, parts.get(0).replaceFirst("^to ([^ ]+ %) ", "to $1 of its usual level "));
      }
      boolean one = s.events().size() == 1;
      boolean allNetworks = networks.size() == s.events().size();
      String first =
          "From "
              + moment(s.start())
              + ", traffic fell "
              + Prose.list(parts)
              + ", while active probing still found "
              + (one ? "it" : allNetworks ? "these networks" : "them")
              + " reachable: throttling, not a cut.";
      Sentence evidence = evidence(s.events(), first);
      return List.of(evidence, again(evidence, ending("The throttling", s)));
    }

    /**
     * {@code to 28 % on Kcell (AS29355) and Tele2 (AS48503)} for up to three places, grouped by
     * their figure; for more, the two hit hardest and the others as a range ({@code to 63–66 % in
     * all 17 regions}).
     */
    private List<String> throttled(
        List<ClassifiedEvent> sorted, String on, String noun, boolean hardest) {
      if (sorted.isEmpty()) {
        return List.of();
      }
      int named = sorted.size() <= 3 ? sorted.size() : noun.equals("network") ? 2 : 0;
      Map<String, List<String>> byFigure = new LinkedHashMap<>();
      for (ClassifiedEvent e : sorted.subList(0, named)) {
        byFigure
            .computeIfAbsent(
                Prose.percent(lowest(List.of(e), SignalFamily.TRAFFIC)), k -> new ArrayList<>())
            .add(Prose.name(e.entity()));
      }
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, List<String>> f : byFigure.entrySet()) {
        out.add("to " + f.getKey() + " " + on + Prose.list(f.getValue()));
      }
      if (hardest && !out.isEmpty()) {
        int last = out.size() - 1;
        out.set(
            last,
            out.get(last)
                + (named == 1 ? ", the network hit hardest" : ", the networks hit hardest"));
      }
      List<ClassifiedEvent> rest = sorted.subList(named, sorted.size());
      if (!rest.isEmpty()) {
        double lo = lowest(List.of(rest.get(0)), SignalFamily.TRAFFIC);
        double hi = lowest(List.of(rest.get(rest.size() - 1)), SignalFamily.TRAFFIC);
        Set<String> names = new TreeSet<>();
        rest.forEach(e -> names.add(Prose.name(e.entity())));
        String where =
            named > 0
                ? Prose.plural(rest.size(), "other " + noun)
                : noun.equals("region") ? regionsPhrase(names) : Prose.plural(rest.size(), noun);
        out.add("to " + Prose.range(lo, hi) + " " + on + where);
      }
      return out;
    }

    /** OONI anomalies while connectivity was normal. */
    private List<Sentence> blocking(Step s) {
      Set<String> platforms = new TreeSet<>();
      for (ClassifiedEvent e : s.events()) {
        platforms.addAll(e.platforms());
      }
      List<String> names = new ArrayList<>();
      for (String p : platforms) {
        names.add(Prose.platform(p));
      }
      String what = names.isEmpty() ? "platforms" : Prose.list(names);
      boolean nationwide = anyScope(s.events(), Scope.NATIONWIDE);
      String first =
          "From "
              + moment(s.start())
              + ", OONI measurements "
              + (nationwide ? "in " + country : "on " + where(s.events()))
              + " found "
              + what
              + " blocked"
              + (nationwide ? " nationwide" : "")
              + ", while connectivity was otherwise normal.";
      Sentence evidence = evidence(s.events(), first);
      return List.of(evidence, again(evidence, ending("The blocking", s)));
    }

    /** One entity's recurring cuts, outside a nationwide cut. */
    private List<Sentence> recurring(Step s) {
      Entity who = s.events().get(0).entity();
      List<String> spans = new ArrayList<>();
      for (ClassifiedEvent e : s.events()) {
        spans.add(span(e.start(), e.end()));
      }
      int n = s.events().size();
      String first =
          s.pattern() == Pattern.CURFEW
              ? Prose.name(who)
                  + " was cut off "
                  + n
                  + " times at similar clock times on consecutive days, a curfew-style pattern: "
                  + Prose.list(spans)
                  + "."
              : Prose.name(who)
                  + "'s connectivity came back and was cut again "
                  + n
                  + " times within two days, an intermittent pattern: "
                  + Prose.list(spans)
                  + ".";
      Sentence evidence = evidence(s.events(), first);
      return List.of(
          evidence, again(evidence, "At the lowest, " + amounts(s.events(), null, "fell") + "."));
    }

    /** {@code 6 January 13:40 – 7 January 03:00 UTC (19:40 – 09:00 local time)}. */
    private String span(long start, Long end) {
      ZonedDateTime a = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
      if (end == null) {
        return "from " + DAY_MONTH_CLOCK.format(a) + " UTC on, still cut at the end of the data";
      }
      ZonedDateTime b = Instant.ofEpochSecond(end).atZone(ZoneOffset.UTC);
      String utc = clockSpan(a, b) + " UTC";
      if (Prose.isUtc(local)) {
        return utc;
      }
      return utc
          + " ("
          + clockSpan(a.withZoneSameInstant(local), b.withZoneSameInstant(local))
          + " local time)";
    }

    private static String clockSpan(ZonedDateTime a, ZonedDateTime b) {
      return DAY_MONTH_CLOCK.format(a)
          + " – "
          + (a.toLocalDate().equals(b.toLocalDate()) ? CLOCK.format(b) : DAY_MONTH_CLOCK.format(b));
    }

    /** {@code The blackout ended on ..., 5 days 15 hours after it began.} or ongoing. */
    private String ending(String subject, Step s) {
      Long end = s.end();
      if (end == null) {
        return subject + " was still going on at the end of the data.";
      }
      return subject
          + " ended on "
          + moment(end)
          + ", "
          + Prose.duration(end - s.start())
          + " after it began.";
    }

    /**
     * How the routes behaved during the lead event's cut: "routes stayed announced" when BGP
     * visibility stayed high while the data plane fell (Kazakhstan, Jan 5).
     */
    private String routes(ClassifiedEvent lead) {
      Mechanism m = lead.mechanism();
      if (m == null) {
        return "";
      }
      double bgp = lowest(List.of(lead), SignalFamily.BGP);
      boolean bgpFell = bgp == bgp;
      return switch (m) {
        case DATA_PLANE_CUT ->
            "Routes stayed announced: BGP visibility "
                + (bgpFell
                    ? "fell only to " + Prose.percent(bgp) + " of its usual level"
                    : "did not fall")
                + ", so the cut was made in the data plane, not by withdrawing routes.";
        case ROUTING_WITHDRAWAL ->
            "BGP visibility fell"
                + (bgpFell ? " to " + Prose.percent(bgp) + " of its usual level" : "")
                + ": the networks' routes were withdrawn.";
        case UNKNOWN -> "There was no BGP data to tell whether routes were withdrawn.";
      };
    }

    /** The closing sentence: when the episode ended, or that it goes on. */
    Sentence closing(Episode e) {
      List<ClassifiedEvent> events = e.events();
      if (e.end() == null) {
        Set<String> who = new TreeSet<>();
        List<ClassifiedEvent> ongoing = new ArrayList<>();
        for (ClassifiedEvent ev : events) {
          if (ev.end() == null) {
            who.add(Prose.name(ev.entity()));
            ongoing.add(ev);
          }
        }
        return evidence(
            ongoing,
            "At the end of the data, the disruption was still going on in "
                + Prose.list(new ArrayList<>(who))
                + ".");
      }
      List<ClassifiedEvent> last = new ArrayList<>();
      for (ClassifiedEvent ev : events) {
        if (ev.until() == e.end()) {
          last.add(ev);
        }
      }
      return evidence(
          last,
          "All "
              + events.size()
              + " events of this episode had ended by "
              + moment(e.end())
              + ", "
              + Prose.duration(e.end() - e.start())
              + " after the first began.");
    }
  }

  // --- helpers over events ---

  /** The country's own event if there is one, else the event whose data plane fell lowest. */
  private static ClassifiedEvent lead(List<ClassifiedEvent> events) {
    ClassifiedEvent best = null;
    for (ClassifiedEvent e : events) {
      if (e.entity().type() == EntityType.COUNTRY) {
        return e;
      }
      if (best == null || e.lowestDataPlaneRatio() < best.lowestDataPlaneRatio()) {
        best = e;
      }
    }
    return best;
  }

  private static boolean anyScope(List<ClassifiedEvent> events, Scope scope) {
    for (ClassifiedEvent e : events) {
      if (e.scope() == scope) {
        return true;
      }
    }
    return false;
  }

  /** The lead event's restoration, else the first one given. */
  private static Restoration restoration(List<ClassifiedEvent> events, ClassifiedEvent lead) {
    if (lead.restoration() != null) {
      return lead.restoration();
    }
    for (ClassifiedEvent e : events) {
      if (e.restoration() != null) {
        return e.restoration();
      }
    }
    return null;
  }

  /** The lowest ratio of {@code family} among the events' signals; NaN when none fell. */
  private static double lowest(List<ClassifiedEvent> events, SignalFamily family) {
    double low = Double.NaN;
    for (ClassifiedEvent e : events) {
      for (SignalEvent s : e.signals()) {
        if (s.family() == family && !(s.lowestRatio() >= low)) {
          low = s.lowestRatio();
        }
      }
    }
    return low;
  }

  /**
   * {@code active probing fell to 2 % of its usual level and traffic to 2 %}: the lead event's
   * data-plane signals, or the lowest over all events when there is no lead.
   */
  private static String amounts(List<ClassifiedEvent> events, ClassifiedEvent lead, String verb) {
    List<ClassifiedEvent> from = lead == null ? events : List.of(lead);
    List<String> parts = new ArrayList<>();
    for (SignalFamily f :
        List.of(SignalFamily.PROBE, SignalFamily.TRAFFIC, SignalFamily.TELESCOPE)) {
      double low = lowest(from, f);
      if (low == low) {
        parts.add(
            parts.isEmpty()
                ? Prose.measure(f)
                    + " "
                    + verb
                    + " to "
                    + Prose.percent(low)
                    + " of its usual level"
                : Prose.measure(f) + " to " + Prose.percent(low));
      }
    }
    if (parts.isEmpty()) {
      double bgp = lowest(from, SignalFamily.BGP);
      return bgp == bgp
          ? "BGP visibility " + verb + " to " + Prose.percent(bgp) + " of its usual level"
          : "connectivity " + verb;
    }
    return Prose.list(parts);
  }

  /** {@code Almaty and Nur-Sultan}, {@code Kcell JSC (AS29355)}, {@code 14 regions}. */
  private static String where(List<ClassifiedEvent> events) {
    Map<EntityType, Set<String>> names = names(events);
    List<String> parts = new ArrayList<>();
    for (Map.Entry<EntityType, Set<String>> n : names.entrySet()) {
      parts.add(named(n.getKey(), n.getValue()));
    }
    return Prose.list(parts);
  }

  /** The regions and networks in events other than {@code lead}'s entity: {@code 14 regions}. */
  private static String others(List<ClassifiedEvent> events, Entity lead) {
    List<ClassifiedEvent> rest = new ArrayList<>();
    for (ClassifiedEvent e : events) {
      if (!e.entity().equals(lead) && e.entity().type() != EntityType.COUNTRY) {
        rest.add(e);
      }
    }
    return rest.isEmpty() ? "" : where(rest);
  }

  private static Map<EntityType, Set<String>> names(List<ClassifiedEvent> events) {
    Map<EntityType, Set<String>> out = new EnumMap<>(EntityType.class);
    for (ClassifiedEvent e : events) {
      out.computeIfAbsent(e.entity().type(), t -> new TreeSet<>()).add(Prose.name(e.entity()));
    }
    return out;
  }

  /**
   * Up to four names alone, up to eight after their count, else the count: {@code Almaty and
   * Nur-Sultan}, {@code 5 regions (Aktobe, Almaty, ...)}, {@code 14 regions}.
   */
  private static String named(EntityType type, Set<String> names) {
    if (names.size() <= 4) {
      return Prose.list(new ArrayList<>(names));
    }
    String count =
        switch (type) {
          case COUNTRY -> names.size() + " countries";
          case REGION -> Prose.plural(names.size(), "region");
          case ASN -> Prose.plural(names.size(), "network");
        };
    return names.size() <= 8 ? count + " (" + String.join(", ", names) + ")" : count;
  }

  /** A sentence resting on these events: their ids, signals and input files. */
  private static Sentence evidence(List<ClassifiedEvent> events, String text) {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> signals = new TreeSet<>();
    Map<String, InputRef> inputs = new LinkedHashMap<>();
    List<ClassifiedEvent> sorted = new ArrayList<>(events);
    sorted.sort(
        Comparator.comparingLong(ClassifiedEvent::start).thenComparing(e -> e.entity().key()));
    for (ClassifiedEvent e : sorted) {
      ids.add(e.id() == null ? e.entity().key() : e.id());
      for (SignalEvent s : e.signals()) {
        signals.add(s.signal());
      }
      for (InputRef f : e.inputs()) {
        inputs.putIfAbsent(f.sha256() + "|" + f.path(), f);
      }
    }
    return new Sentence(
        text, new ArrayList<>(ids), new ArrayList<>(signals), new ArrayList<>(inputs.values()));
  }

  private static Sentence again(Sentence evidence, String text) {
    return new Sentence(text, evidence.events(), evidence.signals(), evidence.inputs());
  }
}
