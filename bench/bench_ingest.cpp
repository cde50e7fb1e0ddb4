// Ingest throughput: a batch replay of the real recordings scaled to >= 1,000,000 events through
// IngestChain (parse + enrich + dedup) on one thread. Prints events/s, MB/s and peak RSS.
//
// Usage: bench_ingest [events=1000000] [repeats=3]
// The scaled recording is built in memory first (about 1 GB for 10^6 events), then split into
// lines and fed to IngestChain::process as --replay --batch does. Each copy of a real event
// gets a fresh meta.id (so dedup sees distinct events), its date moved forward one day per
// cycle (timestamp too), and rcid/revision ids moved up by 5e9 per cycle (beyond 2^32).

#include "event/EventParser.h"
#include "event/CivilDate.h"
#include "ingest/IngestChain.h"

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <time.h>
#include <vector>

namespace fs = std::filesystem;
using namespace wt;

namespace {

constexpr std::int64_t kIdShiftPerCycle = 5'000'000'000;

// A value inside a base line that changes per copy.
struct Patch {
    enum Kind { MetaId, Date, Timestamp, Id } kind;
    std::size_t pos;
    std::size_t len;
    std::int64_t value = 0; // Timestamp / Id: the original number
};

struct BaseEvent {
    std::string line;
    std::vector<Patch> patches; // sorted by pos
};

std::vector<std::string> readLines(const fs::path& file)
{
    std::vector<std::string> lines;
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty())
            lines.push_back(line);
    }
    return lines;
}

void addNumberPatch(BaseEvent& base, std::size_t from, const std::string& key, std::int64_t value,
                    Patch::Kind kind)
{
    const std::string needle = key + std::to_string(value);
    std::size_t pos = base.line.find(needle, from);
    while (pos != std::string::npos) {
        const char after = base.line[pos + needle.size()];
        if (after == ',' || after == '}') {
            const std::size_t start = pos + key.size();
            base.patches.push_back({kind, start, needle.size() - key.size(), value});
            return;
        }
        pos = base.line.find(needle, pos + 1);
    }
}

BaseEvent prepare(std::string line, event::EventParser& parser)
{
    BaseEvent base{std::move(line), {}};
    event::EditEvent e;
    if (parser.parse(base.line, e).status != event::ParseStatus::Ok)
        return base;
    const std::string metaId = "\"id\":\"" + e.metaId + "\"";
    const auto idPos = base.line.find(metaId);
    if (idPos != std::string::npos && e.metaId.size() == 36)
        base.patches.push_back({Patch::MetaId, idPos + 6, 36});
    const auto metaPos = base.line.find("\"meta\":{");
    const auto dtPos = base.line.find("\"dt\":\"", metaPos);
    if (metaPos != std::string::npos && dtPos != std::string::npos)
        base.patches.push_back({Patch::Date, dtPos + 6, 10});
    const auto tsPos = base.line.find("\"timestamp\":");
    if (tsPos != std::string::npos) {
        const std::int64_t ts = std::strtoll(base.line.c_str() + tsPos + 12, nullptr, 10);
        addNumberPatch(base, tsPos, "\"timestamp\":", ts, Patch::Timestamp);
    }
    if (e.rcId >= 0)
        addNumberPatch(base, 0, "\"id\":", e.rcId, Patch::Id);
    const auto revPos = base.line.find("\"revision\":{");
    if (revPos != std::string::npos) {
        if (e.revOld > 0)
            addNumberPatch(base, revPos, "\"old\":", e.revOld, Patch::Id);
        if (e.revNew > 0)
            addNumberPatch(base, revPos, "\"new\":", e.revNew, Patch::Id);
    }
    std::sort(base.patches.begin(), base.patches.end(),
              [](const Patch& a, const Patch& b) { return a.pos < b.pos; });
    return base;
}

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

void appendCopy(std::string& out, const BaseEvent& base, std::uint64_t copy, std::int64_t cycle)
{
    std::size_t at = 0;
    char buf[64];
    for (const Patch& p : base.patches) {
        out.append(base.line, at, p.pos - at);
        switch (p.kind) {
        case Patch::MetaId: {
            const std::uint64_t a = splitmix(copy), b = splitmix(copy ^ 0x5555);
            std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012" PRIx64, unsigned(a >> 32),
                          unsigned(a >> 16) & 0xffff, unsigned(a) & 0xfff,
                          0x8000 | (unsigned(b >> 48) & 0x3fff),
                          std::uint64_t(b & 0xffffffffffffull));
            out.append(buf, 36);
            break;
        }
        case Patch::Date: {
            const char* s = base.line.data() + p.pos;
            const int y0 = std::atoi(std::string(s, 4).c_str());
            const unsigned m0 = unsigned(std::atoi(std::string(s + 5, 2).c_str()));
            const unsigned d0 = unsigned(std::atoi(std::string(s + 8, 2).c_str()));
            const auto [y, m, d] = event::civilFromDays(event::daysFromCivil(y0, m0, d0) + cycle);
            std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
            out.append(buf, 10);
            break;
        }
        case Patch::Timestamp:
            out += std::to_string(p.value + cycle * 86400);
            break;
        case Patch::Id:
            out += std::to_string(p.value + cycle * kIdShiftPerCycle);
            break;
        }
        at = p.pos + p.len;
    }
    out.append(base.line, at, std::string::npos);
    out += '\n';
}

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct RunResult {
    double seconds = 0;
    double cpuSeconds = 0; // this thread's CPU time: stable when other processes share the cores
    ingest::IngestCounters counters;
};

// One batch replay of the in-memory recording: split lines, process, hand on batches of 1024.
RunResult replay(std::string_view data)
{
    ingest::IngestChain chain;
    event::EventBatch batch;
    batch.reserve(1024);
    RunResult result;
    const double cpuStart = threadCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    std::size_t lineStart = 0;
    while (lineStart < data.size()) {
        auto nl = data.find('\n', lineStart);
        if (nl == std::string_view::npos)
            nl = data.size();
        chain.process(data.substr(lineStart, nl - lineStart), batch);
        lineStart = nl + 1;
        if (batch.size() >= 1024)
            batch.clear(); // handed on to the next stage in the real pipeline
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.cpuSeconds = threadCpuSeconds() - cpuStart;
    result.counters = chain.counters();
    return result;
}

} // namespace

int main(int argc, char** argv)
{
    const std::uint64_t target = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;

    event::EventParser parser;
    std::vector<BaseEvent> bases;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(WT_SOURCE_DIR) / "tests" / "data")) {
        if (entry.path().extension() == ".ndjson")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        for (auto& line : readLines(f))
            bases.push_back(prepare(std::move(line), parser));
    }
    if (bases.empty()) {
        std::fprintf(stderr, "no recordings found under %s/tests/data\n", WT_SOURCE_DIR);
        return 1;
    }

    // The whole scaled recording lives in one buffer, so the timed loop measures the ingest chain
    // and not the disk or the page cache.
    std::size_t baseBytes = 0;
    for (const auto& b : bases)
        baseBytes += b.line.size() + 1;
    std::string data;
    data.reserve(baseBytes * (target / bases.size() + 1) + target * 32); // ids may grow a little
    for (std::uint64_t i = 0; i < target; ++i)
        appendCopy(data, bases[i % bases.size()], i, static_cast<std::int64_t>(i / bases.size()));
    const long rssBefore = peakRssKiB();
    std::printf("recording: %zu real events cycled to %" PRIu64 " events, %.1f MB in memory\n",
                bases.size(), target, double(data.size()) / 1e6);

    double best = 0;
    double bestCpu = 0;
    bool countsOk = true;
    for (int r = 0; r < repeats; ++r) {
        const RunResult run = replay(data);
        const auto& c = run.counters;
        const double eps = double(c.received) / run.seconds;
        const double cpuEps = double(c.received) / run.cpuSeconds;
        best = std::max(best, eps);
        bestCpu = std::max(bestCpu, cpuEps);
        std::printf("run %d: %" PRIu64 " events in %.3f s wall (%.3f s CPU): %.0f events/s, "
                    "%.0f MB/s wall; %.0f events/s, %.0f MB/s per CPU second "
                    "(parsed %" PRIu64 ", rejected %" PRIu64 ", duplicates %" PRIu64 ")\n",
                    r + 1, c.received, run.seconds, run.cpuSeconds, eps,
                    double(c.bytes) / 1e6 / run.seconds, cpuEps,
                    double(c.bytes) / 1e6 / run.cpuSeconds, c.parsed, c.rejectedTotal(),
                    c.duplicates);
        countsOk = countsOk && c.received == target && c.parsed == target;
    }
    const long rssAfter = peakRssKiB();
    std::printf("best: %.0f events/s wall, %.0f events/s per CPU second, one thread; peak RSS %.1f "
                "MiB (%.1f MiB of it the "
                "in-memory recording and generator; ingest chain incl. dedup set: +%.1f MiB)\n",
                best, bestCpu, double(rssAfter) / 1024.0, double(rssBefore) / 1024.0,
                double(rssAfter - rssBefore) / 1024.0);
    if (!countsOk) {
        std::fprintf(stderr, "counts do not match: every generated event must be parsed once\n");
        return 1;
    }
    return 0;
}
