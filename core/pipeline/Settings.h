#pragma once
// Every run-time option of wikitide as a plain value, and the resolver that fills it from the
// command line > environment (WIKITIDE_*) > settings file (QSettings ini) > defaults.
// Pure and thread-agnostic: called once by main() before the application object exists.

#include "analytics/AnalyticsConfig.h"
#include "pipeline/IngestConfig.h"
#include "transport/KafkaConfig.h"

#include <QDateTime>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

namespace wt::pipeline {

inline constexpr const char* kDefaultStreamUrl =
    "https://stream.wikimedia.org/v2/stream/recentchange";

// What a process does with Kafka (--role).
enum class KafkaRole { All, Ingest, Dashboard };

struct Settings {
    bool headless = false;
    QString streamUrl = QString::fromLatin1(kDefaultStreamUrl);
    QDateTime since;    // invalid = start at the live head
    QString replayFile; // empty = live source
    double speed = 1.0; // real-time replay factor, 0.1 .. 1000
    bool batch = false; // replay as fast as possible
    QString recordFile; // empty = no recording
    double reportEverySeconds = 5.0;
    qint64 maxEventBytes = 4194304;
    QString configFile; // the settings file that was (or would have been) read

    // SSE
    QString lastEventId;       // sent as Last-Event-ID on the first connect
    int idleTimeoutMs = 30000; // no byte for this long: reconnect
    qint64 dedupHorizon = qint64(1) << 20;

    // Analytics
    qint64 lookbackMs = 15 * 60 * 1000;
    qint64 latenessMs = 2 * 60 * 1000;
    int refreshMs = 1000;
    int topN = 20;
    int recentCap = 5000;
    analytics::Filter filter;
    QStringList keywords; // "/re/" = regular expression

    // Export
    QString exportDir;               // empty = no automatic export
    double exportEverySeconds = 60;  // headless periodic export (0 = only the final one)

    // Store
    QString dbPath;       // empty = the XDG data location
    bool noHistory = false;
    int retentionDays = 30;
    QString wikidataApi = QStringLiteral("https://www.wikidata.org/w/api.php");
    QString labelLanguage; // empty = the system language
    bool offline = false;  // no label requests

    // Kafka
    QString kafkaBrokers; // empty = in-process; "embedded" = EmbeddedBroker
    KafkaRole role = KafkaRole::All;
    QString topic = QStringLiteral("wikitide.recentchange");
    QStringList kafkaProperties; // -X key=value, in order (may hold secrets: never log as is)
    QString kafkaGroup;
    int kafkaPartitions = 6;

    // Operations
    int metricsPort = -1; // -1 = no metrics endpoint, 0 = any free port
    QString metricsAddress = QStringLiteral("127.0.0.1");
    QString logLevel = QStringLiteral("info");
    QString logFile; // empty = LogFile::defaultPath(); "none" = no log file

    // UI
    bool noOpenGl = false;
    QString screenshotFile;     // --screenshot: grab the window after quitAfterSeconds
    double quitAfterSeconds = 0; // 0 = run until closed

    // Options set on the command line or in the environment (names without "--"), so the
    // window can let them win over what it remembered.
    QSet<QString> explicitOptions;

    bool kafkaEnabled() const { return !kafkaBrokers.isEmpty(); }
    bool embeddedKafka() const { return kafkaBrokers == QLatin1String("embedded"); }
    IngestConfig ingestConfig() const;
    analytics::AnalyticsConfig analyticsConfig() const;
    // brokers is left empty for "embedded" (the engine fills in the embedded address).
    transport::KafkaConfig kafkaConfig() const;
};

const char* kafkaRoleName(KafkaRole role);

// What main() should do after resolving: run, or print `message` and exit with `exitCode`.
enum class SettingsAction { Run, ShowHelp, ShowVersion, Error };

struct SettingsResult {
    SettingsAction action = SettingsAction::Run;
    Settings settings;
    QString message;   // help text, version line or error text (without trailing newline)
    int exitCode = 0;  // for everything but Run
    QStringList notes; // warnings worth one line on stderr (e.g. --record ignored when replaying)
};

// `arguments` includes the program name first (as QCoreApplication::arguments()).
// `defaultConfigFile` is the XDG location, see defaultConfigFile(); a missing default file is
// fine, a missing file named by --config / WIKITIDE_CONFIG is an error.
SettingsResult resolveSettings(const QStringList& arguments, const QProcessEnvironment& environment,
                               const QString& defaultConfigFile);

// ~/.config/WikiTide/wikitide.ini (honours XDG_CONFIG_HOME), from QSettings' own rules.
QString defaultConfigFile();

// True when `url` is https, or http to a loopback host (127.0.0.1, localhost, ::1).
bool isAllowedStreamUrl(const QString& url, QString* why);

// "15m", "2m30s", "100ms", "1h", "90" (seconds). -1 when not a duration.
qint64 parseDurationMs(const QString& text);
// The shortest exact spelling: 900000 -> "15m", 1500 -> "1500ms".
QString formatDurationMs(qint64 ms);

} // namespace wt::pipeline
