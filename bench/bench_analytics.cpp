// Analytics engine figures on events built from the real recordings (tests/data/*.ndjson):
//  (a) throughput: >= 1,000,000 events through the engine alone, and through IngestChain
//      (parse + enrich + dedup) + engine on one thread; wall time and this thread's CPU time
//      (CLOCK_THREAD_CPUTIME_ID: what other processes on a shared machine steal does not count);
//  (b) cost of one buildSnapshot() with a full 3-hour window of 10.8 M events (1,000 ev/s);
//  (c) memory held per event in that window: the record, RSS rise per event, and RSS without
//      the interned strings' text.
//
// Usage: bench_analytics [throughputEvents=1000000] [windowEvents=10800000] [sections=aibc]
// (a: analytics only, i: ingest chain + analytics, b: snapshot cost, c: memory)
//
// Copies of the real events get times 1 ms apart (1,000 ev/s of event time) and one of 50
// suffixes on the user. Page cardinality is what moves memory, so it is a parameter: copy i of
// the recordings' titles gets the suffix (cycle / repeat). "cycled": the real titles repeat
// every cycle, as busy pages do; "realistic": each title set serves 3 cycles (about a third of
// the events name a page not seen in the previous cycle, like the 30-50 % distinct pages per
// hour of the real stream); "worst": every cycle names fresh pages (a Wikidata bot run).
// Each window scenario runs in its own forked process so its RSS rise is its own.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <QCoreApplication>

#include "analytics/AnalyticsEngine.h"
#include "ingest/IngestChain.h"

namespace fs = std::filesystem;
using namespace wt;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kT0 = 1'800'000'000'000;
constexpr std::size_t kNoSuffix = 0;

std::vector<std::string> readLines()
{
    std::vector<std::string> lines;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(WT_SOURCE_DIR) / "tests" / "data"))
        if (entry.path().extension() == ".ndjson")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty())
                lines.push_back(line);
    }
    return lines;
}

double rssMb()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * 4096.0 / (1024.0 * 1024.0);
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Stopwatch {
    Clock::time_point wall0 = Clock::now();
    double cpu0 = threadCpuSeconds();
    double wall() const { return std::chrono::duration<double>(Clock::now() - wall0).count(); }
    double cpu() const { return threadCpuSeconds() - cpu0; }
};

// Copy i of the base stream. repeat: how many cycles share one title set (kNoSuffix: forever).
void makeEvent(const event::EditEvent& base, std::size_t i, std::size_t baseCount,
               std::size_t repeat, event::EditEvent& out)
{
    const std::size_t cycle = i / baseCount;
    out = base;
    out.timeMs = kT0 + static_cast<std::int64_t>(i);
    if (repeat != kNoSuffix && cycle / repeat > 0)
        out.title += " #" + std::to_string(cycle / repeat);
    out.user += "~" + std::to_string(cycle % 50);
}

void analyticsOnly(const event::EventBatch& base, std::size_t n, std::size_t repeat,
                   const char* name)
{
    std::vector<event::EventBatch> batches;
    for (std::size_t i = 0; i < n;) {
        event::EventBatch b(std::min<std::size_t>(1000, n - i));
        for (auto& e : b) {
            makeEvent(base[i % base.size()], i, base.size(), repeat, e);
            ++i;
        }
        batches.push_back(std::move(b));
    }
    analytics::AnalyticsEngine engine; // default 15 min lookback: events leave the window too
    const Stopwatch sw;
    for (const auto& b : batches)
        engine.ingest(b);
    const double wall = sw.wall(), cpu = sw.cpu();
    std::printf("(a) analytics only, %-9s pages: %zu events: wall %.3f s = %.0f ev/s; thread CPU "
                "%.3f s = %.0f ev/s\n",
                name, n, wall, double(n) / wall, cpu, double(n) / cpu);
}

// Where the meta.id UUID of each line starts (npos when not found): each pass over the
// recordings rewrites its first four hex digits, so one IngestChain (one dedup table, as in a
// real run) sees every pass as new events.
std::vector<std::size_t> metaIdOffsets(const std::vector<std::string>& lines)
{
    std::vector<std::size_t> out;
    for (const std::string& l : lines) {
        std::size_t pos = l.find("\"meta\"");
        std::size_t found = std::string::npos;
        while (pos != std::string::npos && found == std::string::npos) {
            pos = l.find("\"id\"", pos + 1);
            if (pos == std::string::npos)
                break;
            std::size_t v = pos + 4;
            while (v < l.size() && (l[v] == ' ' || l[v] == ':'))
                ++v;
            if (v + 5 < l.size() && l[v] == '"' && std::isxdigit(static_cast<unsigned char>(l[v + 1])) &&
                std::isxdigit(static_cast<unsigned char>(l[v + 4])))
                found = v + 1;
        }
        out.push_back(found);
    }
    return out;
}

void ingestAndAnalytics(const std::vector<std::string>& original, std::size_t n)
{
    std::vector<std::string> lines = original;
    const std::vector<std::size_t> offsets = metaIdOffsets(lines);
    analytics::AnalyticsEngine engine;
    ingest::IngestChain chain;
    event::EventBatch batch;
    batch.reserve(1000);
    std::size_t done = 0;
    std::size_t bytes = 0;
    const Stopwatch sw;
    for (std::size_t pass = 0; done < n; ++pass) {
        static const char* const kHex = "0123456789abcdef";
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (offsets[i] != std::string::npos)
                for (int d = 0; d < 4; ++d)
                    lines[i][offsets[i] + d] = kHex[(pass >> (4 * d)) & 15];
        for (const auto& l : lines) {
            if (done >= n)
                break;
            if (chain.process(l, batch)) {
                batch.back().timeMs = kT0 + static_cast<std::int64_t>(done);
                ++done;
            }
            bytes += l.size();
            if (batch.size() == 1000) { // batches, as the ingest thread hands them over
                engine.ingest(batch);
                batch.clear();
            }
        }
    }
    engine.ingest(batch);
    const double wall = sw.wall(), cpu = sw.cpu();
    std::printf("(a) ingest chain + analytics (one thread): %zu events (%.0f MB JSON, %llu "
                "duplicates dropped): wall %.3f s = %.0f ev/s; thread CPU %.3f s = %.0f ev/s\n",
                done, double(bytes) / 1e6,
                static_cast<unsigned long long>(chain.counters().duplicates), wall,
                double(done) / wall, cpu, double(done) / cpu);
}

void window(const event::EventBatch& base, std::size_t n, std::size_t repeat, const char* name,
            bool snapshots)
{
    analytics::AnalyticsConfig config;
    config.lookbackMs = 3LL * 3600 * 1000;
    analytics::AnalyticsEngine engine(config);
    engine.buildSnapshot();
    const double rss0 = rssMb();
    event::EventBatch b(10'000);
    const Stopwatch sw;
    for (std::size_t i = 0; i < n;) {
        b.resize(std::min<std::size_t>(10'000, n - i));
        for (auto& e : b) {
            makeEvent(base[i % base.size()], i, base.size(), repeat, e);
            ++i;
        }
        engine.ingest(b);
    }
    b.clear();
    b.shrink_to_fit();
    const double fill = sw.wall();
    const double rss1 = rssMb();
    const auto& ring = engine.aggregator().ring();
    const double events = double(ring.size());
    std::printf("(b) %s pages: %zu events in the ring (filled in %.1f s); %zu pages, %zu users, "
                "%zu sites live\n",
                name, ring.size(), fill, ring.pages().live(), ring.users().live(),
                ring.sites().live());
    if (snapshots) {
        std::vector<double> ms, cpuMs;
        analytics::DashboardSnapshotPtr snap;
        for (int i = 0; i < (std::getenv("WT_BENCH_SNAPSHOTS") ? std::atoi(std::getenv("WT_BENCH_SNAPSHOTS")) : 21); ++i) {
            snap.reset(); // the previous snapshot's release is the UI's cost, not the build's
            const Stopwatch one;
            snap = engine.buildSnapshot();
            ms.push_back(one.wall() * 1000.0);
            cpuMs.push_back(one.cpu() * 1000.0);
        }
        std::sort(ms.begin(), ms.end());
        std::sort(cpuMs.begin(), cpuMs.end());
        std::printf("(b) buildSnapshot at %llu events in the 3 h lookback: median %.3f ms, p95 "
                    "%.3f ms, min %.3f ms, max %.3f ms (top %d, %zu recent, %zu traffic points)\n",
                    static_cast<unsigned long long>(snap->kpis.events), ms[ms.size() / 2],
                    ms[ms.size() * 95 / 100], ms.front(), ms.back(), engine.config().topN,
                    snap->recent.size(), snap->traffic.size());
        std::printf("(b) buildSnapshot thread CPU: median %.3f ms, p95 %.3f ms\n",
                    cpuMs[cpuMs.size() / 2], cpuMs[cpuMs.size() * 95 / 100]);
    }
    // Interned text: the bytes of each live string plus malloc's per-block overhead (16 bytes,
    // rounded up to 16) - the strings themselves, which the target sets aside.
    auto text = [](const analytics::StringInterner& s) {
        return double(s.textBytes()) + double(s.live()) * 16.0 + double(s.live()) * 8.0;
    };
    const double interned = text(ring.pages()) + text(ring.users()) + text(ring.sites());
    const double index = double(ring.pages().memoryBytes() + ring.users().memoryBytes() +
                                ring.sites().memoryBytes()) -
                         double(ring.pages().textBytes() + ring.users().textBytes() +
                                ring.sites().textBytes());
    const double held = (rss1 - rss0) * 1024 * 1024;
    std::printf("(c) %s pages: record %zu bytes; RSS +%.0f MB = %.1f bytes/event; interned text "
                "~%.0f MB; without it %.1f bytes/event (of which interner tables %.1f)\n",
                name, sizeof(analytics::EventRecord), rss1 - rss0, held / events,
                interned / 1048576.0, (held - interned) / events, index / events);
    std::fflush(stdout);
}

// Runs f in a child process, so its memory figures start from a clean heap.
template <typename F> void forked(F f)
{
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        f();
        std::fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        std::printf("  (child failed: status %d)\n", status);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const std::size_t throughputEvents = argc > 1 ? std::stoull(argv[1]) : 1'000'000;
    const std::size_t windowEvents = argc > 2 ? std::stoull(argv[2]) : 10'800'000;
    const std::string sections = argc > 3 ? argv[3] : "aibc";

    const std::vector<std::string> lines = readLines();
    event::EventBatch base;
    {
        ingest::IngestChain chain;
        for (const auto& l : lines)
            chain.process(l, base);
    }
    std::printf("base: %zu real events from %zu lines\n", base.size(), lines.size());

    if (sections.find('a') != std::string::npos) {
        forked([&] { analyticsOnly(base, throughputEvents, kNoSuffix, "cycled"); });
        forked([&] { analyticsOnly(base, throughputEvents, 3, "realistic"); });
        forked([&] { analyticsOnly(base, throughputEvents, 1, "worst"); });
    }
    if (sections.find('i') != std::string::npos)
        forked([&] { ingestAndAnalytics(lines, throughputEvents); });
    if (sections.find('b') != std::string::npos || sections.find('c') != std::string::npos) {
        forked([&] { window(base, windowEvents, 3, "realistic", true); });
        if (sections.find('c') != std::string::npos) {
            forked([&] { window(base, windowEvents, kNoSuffix, "cycled", false); });
            forked([&] { window(base, windowEvents, 1, "worst", false); });
        }
    }
    return 0;
}
