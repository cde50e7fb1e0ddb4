#include "export/CsvExporter.h"

#include <QDateTime>
#include <QDir>
#include <QSaveFile>
#include <QTimeZone>

#include <functional>

#include "event/EditEvent.h"
#include "export/CsvWriter.h"

namespace wt::exporter {

namespace {

using analytics::DashboardSnapshot;
using analytics::LeaderRow;

void leaders(CsvWriter& w, const std::vector<LeaderRow>& rows)
{
    w.text("rank").text("key").text("wiki").text("label").text("edits").text("bytes_added");
    w.text("bytes_removed").text("bytes_net").text("bot").text("url").endRow();
    std::int64_t rank = 0;
    for (const LeaderRow& r : rows) {
        w.number(++rank).text(r.key).text(r.wiki).text(r.label).number(r.edits);
        w.number(r.bytesAdded).number(r.bytesRemoved).number(r.bytesNet).boolean(r.bot);
        w.text(r.url).endRow();
    }
}

void counts(CsvWriter& w, std::int64_t minute, const std::string& wiki,
            const analytics::MinuteCounts& c)
{
    w.time(minute).text(wiki).number(c.events).number(c.bots).number(c.anonymous);
    w.number(c.temporary).number(c.registered).number(c.bytesAdded).number(c.bytesRemoved);
    w.number(c.newPages);
    for (auto n : c.byType)
        w.number(n);
    w.number(c.late).endRow();
}

using Writer = std::function<void(CsvWriter&)>;

std::vector<std::pair<const char*, Writer>> views(const DashboardSnapshot& s)
{
    std::vector<std::pair<const char*, Writer>> v;
    v.emplace_back("kpis.csv", [&](CsvWriter& w) {
        for (const char* h : {"clock", "watermark", "lookback_s", "events", "velocity_now",
                              "velocity_avg", "bytes_added", "bytes_removed", "bytes_net", "bots",
                              "anonymous", "temporary", "registered", "minor", "major",
                              "new_pages", "active_users", "late", "ingest_received",
                              "ingest_parsed", "ingest_rejected", "ingest_duplicates",
                              "ingest_dropped"})
            w.text(h);
        w.endRow();
        const auto& k = s.kpis;
        w.time(s.clockMs).time(s.watermarkMs).number(s.lookbackMs / 1000).number(k.events);
        w.number(k.velocityNow).number(k.velocityAvg).number(k.bytesAdded).number(k.bytesRemoved);
        w.number(k.bytesNet).number(k.bots).number(k.anonymous).number(k.temporary);
        w.number(k.registered).number(k.minor).number(k.major).number(k.newPages);
        w.number(k.activeUsers).number(k.late).number(s.ingest.received).number(s.ingest.parsed);
        w.number(s.ingest.rejectedTotal()).number(s.ingest.duplicates).number(s.ingest.dropped);
        w.endRow();
    });
    v.emplace_back("traffic.csv", [&](CsvWriter& w) {
        w.text("time").text("human").text("bot").text("bytes_added").text("bytes_removed").endRow();
        for (const auto& p : s.traffic)
            w.time(p.timeMs).number(std::uint64_t(p.human)).number(std::uint64_t(p.bot))
                .number(p.bytesAdded).number(p.bytesRemoved).endRow();
    });
    v.emplace_back("top_wikis.csv", [&](CsvWriter& w) { leaders(w, s.topWikis); });
    v.emplace_back("top_languages.csv", [&](CsvWriter& w) { leaders(w, s.topLanguages); });
    v.emplace_back("top_projects.csv", [&](CsvWriter& w) { leaders(w, s.topProjects); });
    v.emplace_back("top_pages.csv", [&](CsvWriter& w) { leaders(w, s.topPages); });
    v.emplace_back("top_users.csv", [&](CsvWriter& w) { leaders(w, s.topUsers); });
    v.emplace_back("namespaces.csv", [&](CsvWriter& w) {
        w.text("namespace").text("events").endRow();
        for (const auto& n : s.byNamespace)
            w.number(std::int64_t(n.ns)).number(n.events).endRow();
    });
    v.emplace_back("action_types.csv", [&](CsvWriter& w) {
        w.text("type").text("events").endRow();
        for (std::size_t t = 0; t < s.byType.size(); ++t)
            w.text(event::editTypeName(event::EditType(t))).number(s.byType[t]).endRow();
    });
    v.emplace_back("keywords.csv", [&](CsvWriter& w) {
        w.text("pattern").text("valid").text("hits").text("error").endRow();
        for (const auto& k : s.keywords)
            w.text(k.pattern).boolean(k.valid).number(k.hits).text(k.error).endRow();
    });
    v.emplace_back("keyword_hits.csv", [&](CsvWriter& w) {
        for (const char* h : {"time", "keyword", "field", "wiki", "title", "user", "comment", "diff_url"})
            w.text(h);
        w.endRow();
        for (const auto& h : s.keywordHits)
            w.time(h.timeMs).text(h.keyword).text(h.field).text(h.wiki).text(h.title).text(h.user)
                .text(h.comment).text(h.diffUrl).endRow();
    });
    v.emplace_back("recent_edits.csv", [&](CsvWriter& w) {
        for (const char* h : {"time", "delta", "type", "bot", "minor", "wiki", "title", "user", "label", "diff_url"})
            w.text(h);
        w.endRow();
        for (const auto& e : s.recent)
            w.time(e.timeMs).number(std::int64_t(e.delta))
                .text(event::editTypeName(event::EditType(e.type)))
                .boolean(e.flags & event::Flag::Bot).boolean(e.flags & event::Flag::Minor)
                .text(e.wiki).text(e.title).text(e.user).text(e.label).text(e.diffUrl).endRow();
    });
    v.emplace_back("closed_minutes.csv", [&](CsvWriter& w) {
        for (const char* h : {"minute", "wiki", "events", "bots", "anonymous", "temporary",
                              "registered", "bytes_added", "bytes_removed", "new_pages", "edit",
                              "new", "log", "categorize", "external", "other", "late"})
            w.text(h);
        w.endRow();
        for (const auto& m : s.closedMinutes) { // the total first (empty wiki), then per wiki
            counts(w, m->minuteStartMs, {}, m->total);
            for (const auto& wm : m->perWiki)
                counts(w, m->minuteStartMs, wm.wiki, wm.counts);
        }
    });
    v.emplace_back("engagement.csv", [&](CsvWriter& w) {
        w.text("min_edits").text("max_edits").text("users").endRow();
        for (const auto& b : s.engagement)
            w.number(std::uint64_t(b.minEdits)).number(std::uint64_t(b.maxEdits)).number(b.users)
                .endRow();
    });
    return v;
}

} // namespace

QString CsvExporter::folderName(std::int64_t utcMs)
{
    return QStringLiteral("wikitide-") +
           QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc())
               .toString(QStringLiteral("yyyyMMddTHHmmssZ"));
}

ExportResult CsvExporter::write(const DashboardSnapshot& snapshot, const QString& dir)
{
    ExportResult result;
    QDir base(dir);
    if (!base.mkpath(QStringLiteral("."))) {
        result.error = QStringLiteral("cannot create export directory %1").arg(dir);
        return result;
    }
    const QString name = folderName(snapshot.wallMs ? snapshot.wallMs : snapshot.clockMs);
    QString finalName = name;
    for (int n = 2; base.exists(finalName); ++n)
        finalName = name + QStringLiteral("-%1").arg(n);
    // Build under a hidden name, rename when complete: a reader never sees a partial folder.
    const QString partial = QStringLiteral(".") + finalName + QStringLiteral(".partial");
    if (!base.mkpath(partial)) {
        result.error = QStringLiteral("cannot create %1").arg(base.filePath(partial));
        return result;
    }
    for (const auto& [file, fill] : views(snapshot)) {
        CsvWriter w;
        fill(w);
        QSaveFile out(base.filePath(partial + QLatin1Char('/') + QLatin1String(file)));
        if (!out.open(QIODevice::WriteOnly) ||
            out.write(w.data().data(), qint64(w.data().size())) != qint64(w.data().size()) ||
            !out.commit()) {
            result.error = QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString());
            QDir(base.filePath(partial)).removeRecursively();
            return result;
        }
    }
    if (!base.rename(partial, finalName)) {
        result.error = QStringLiteral("cannot rename %1 to %2").arg(partial, finalName);
        QDir(base.filePath(partial)).removeRecursively();
        return result;
    }
    result.ok = true;
    result.folder = QDir(base.filePath(finalName)).absolutePath();
    return result;
}

} // namespace wt::exporter
