#pragma once
// The headless program's JSON report line: ingest counters, the dashboard KPIs and, with Kafka,
// delivery counters and consumer lag per partition. Pure function, any thread.

#include "analytics/DashboardSnapshot.h"
#include "ingest/IngestCounters.h"
#include "transport/KafkaTypes.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace wt::pipeline {

struct ReportInput {
    const char* type = "report"; // "report" or "final"
    qint64 wallMs = 0;
    ingest::IngestCounters ingest;
    double eventsPerSecond = 0;
    QString state;
    const analytics::DashboardSnapshot* snapshot = nullptr; // no "kpis" object when null
    std::optional<transport::KafkaSinkCounters> sink;
    std::optional<transport::KafkaSourceCounters> source;
    std::optional<transport::KafkaLag> lag;
    quint64 alerts = 0;
};

// One line with its trailing newline. "kpis" uses the column names of kpis.csv.
QByteArray reportLine(const ReportInput& in);
QByteArray jsonString(const QString& s);
// Events the Kafka consumer handed on (messages less duplicates, old and bad ones).
std::uint64_t consumedEvents(const transport::KafkaSourceCounters& c);

} // namespace wt::pipeline
