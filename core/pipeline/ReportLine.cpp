#include "pipeline/ReportLine.h"

#include <QDateTime>
#include <cmath>

namespace wt::pipeline {

namespace {

QByteArray num(std::uint64_t v) { return QByteArray::number(qulonglong(v)); }
QByteArray num(std::int64_t v) { return QByteArray::number(qlonglong(v)); }
QByteArray num(double v, int decimals) { return QByteArray::number(v, 'f', decimals); }

void kpis(QByteArray& line, const analytics::DashboardSnapshot& s)
{
    const analytics::Kpis& k = s.kpis;
    line += ",\"kpis\":{\"events\":" + num(k.events);
    line += ",\"velocity_now\":" + num(k.velocityNow, 3);
    line += ",\"velocity_avg\":" + num(k.velocityAvg, 3);
    line += ",\"bytes_added\":" + num(k.bytesAdded);
    line += ",\"bytes_removed\":" + num(k.bytesRemoved);
    line += ",\"bytes_net\":" + num(k.bytesNet);
    line += ",\"bots\":" + num(k.bots);
    line += ",\"anonymous\":" + num(k.anonymous);
    line += ",\"temporary\":" + num(k.temporary);
    line += ",\"registered\":" + num(k.registered);
    line += ",\"active_users\":" + num(k.activeUsers);
    line += ",\"new_pages\":" + num(k.newPages);
    line += ",\"late\":" + num(k.late);
    line += ",\"history_events\":" + num(s.historyEvents);
    line += '}';
    line += ",\"clock\":" + (s.clockMs > 0 ? jsonString(QDateTime::fromMSecsSinceEpoch(
                                                              s.clockMs, Qt::UTC)
                                                              .toString(Qt::ISODateWithMs))
                                            : QByteArray("null"));
}

void kafka(QByteArray& line, const ReportInput& in)
{
    if (!in.sink && !in.source)
        return;
    line += ",\"kafka\":{";
    bool first = true;
    auto sep = [&] {
        if (!first)
            line += ',';
        first = false;
    };
    if (in.sink) {
        sep();
        line += "\"enqueued\":" + num(in.sink->enqueued);
        line += ",\"delivered\":" + num(in.sink->delivered);
        line += ",\"delivery_failed\":" + num(in.sink->deliveryFailed);
        line += ",\"dropped\":" + num(in.sink->dropped);
        line += ",\"in_flight\":" + num(in.sink->inFlight);
    }
    if (in.source) {
        sep();
        line += "\"consumed\":" + num(consumedEvents(*in.source));
        line += ",\"messages\":" + num(in.source->messages);
        line += ",\"bad_messages\":" + num(in.source->badMessages);
    }
    if (in.lag) {
        sep();
        line += "\"lag\":" + num(in.lag->total) + ",\"lag_by_partition\":{";
        for (std::size_t i = 0; i < in.lag->partitions.size(); ++i) {
            const auto& p = in.lag->partitions[i];
            if (i)
                line += ',';
            line += '"' + QByteArray::number(p.partition) + "\":" + num(p.lag);
        }
        line += '}';
    }
    line += '}';
}

} // namespace

std::uint64_t consumedEvents(const transport::KafkaSourceCounters& c)
{
    return c.events;
}

QByteArray jsonString(const QString& s)
{
    QByteArray out = "\"";
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out += '\\';
            out += char(u);
        } else if (u < 0x20) {
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')).toLatin1();
        } else {
            out += QString(c).toUtf8();
        }
    }
    return out + '"';
}

QByteArray reportLine(const ReportInput& in)
{
    const ingest::IngestCounters& c = in.ingest;
    QByteArray line;
    line.reserve(1024);
    line += "{\"type\":\"";
    line += in.type;
    line += "\",\"time\":";
    line += jsonString(
        QDateTime::fromMSecsSinceEpoch(in.wallMs, Qt::UTC).toString(Qt::ISODateWithMs));
    line += ",\"received\":" + num(c.received);
    line += ",\"parsed\":" + num(c.parsed);
    line += ",\"rejected\":{";
    for (std::size_t i = 0; i < c.rejected.size(); ++i) {
        if (i)
            line += ',';
        line += '"';
        line += ingest::rejectReasonName(ingest::RejectReason(i));
        line += "\":" + num(c.rejected[i]);
    }
    line += "},\"rejected_total\":" + num(c.rejectedTotal());
    line += ",\"canary\":" + num(c.canary);
    line += ",\"duplicates\":" + num(c.duplicates);
    line += ",\"reconnects\":" + num(c.reconnects);
    line += ",\"dropped\":" + num(c.dropped);
    line += ",\"events_per_s\":" + num(std::round(in.eventsPerSecond * 10.0) / 10.0, 1);
    line += ",\"state\":" + jsonString(in.state);
    if (in.snapshot)
        kpis(line, *in.snapshot);
    kafka(line, in);
    line += ",\"alerts\":" + num(std::uint64_t(in.alerts));
    line += "}\n";
    return line;
}

} // namespace wt::pipeline
