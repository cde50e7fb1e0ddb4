#include "pipeline/Settings.h"

#include "event/EditEvent.h"
#include "pipeline/OptionTable.h"
#include "wikitide/Version.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>
#include <optional>
#include <vector>

namespace wt::pipeline {
namespace {

struct Value {
    QString text;
    QString origin; // for messages: "--speed", "WIKITIDE_SPEED", "speed in /x.ini"
};

// Looks an option up in precedence order; nullopt when nobody set it.
class Layers {
public:
    Layers(const QCommandLineParser& parser, const QProcessEnvironment& env, QSettings* file,
           QString filePath, QSet<QString>* explicitOptions)
        : m_parser(parser), m_env(env), m_file(file), m_filePath(std::move(filePath)),
          m_explicit(explicitOptions)
    {
    }

    std::optional<Value> find(const char* name) const
    {
        const QString option = QString::fromLatin1(name);
        const OptionSpec* spec = findOption(option);
        if (m_parser.isSet(option)) {
            m_explicit->insert(option);
            return Value{m_parser.value(option), QStringLiteral("--") + option};
        }
        const QString env = spec ? envNameOf(*spec) : QString();
        if (!env.isEmpty() && m_env.contains(env)) {
            m_explicit->insert(option);
            return Value{m_env.value(env), env};
        }
        if (m_file && m_file->contains(option)) {
            const QVariant v = m_file->value(option);
            const QString text = v.typeId() == QMetaType::QStringList
                                     ? v.toStringList().join(QLatin1Char(','))
                                     : v.toString();
            return Value{text, QStringLiteral("%1 in %2").arg(option, m_filePath)};
        }
        return std::nullopt;
    }

    // Repeatable options: every command-line occurrence, else the environment split on the
    // option's separator, else the file's list. Empty origin when nobody set it.
    QStringList list(const char* name, QString* origin) const
    {
        const QString option = QString::fromLatin1(name);
        const OptionSpec* spec = findOption(option);
        if (m_parser.isSet(option)) {
            m_explicit->insert(option);
            *origin = QStringLiteral("--") + option;
            return m_parser.values(option);
        }
        const QString env = spec ? envNameOf(*spec) : QString();
        if (!env.isEmpty() && m_env.contains(env)) {
            m_explicit->insert(option);
            *origin = env;
            return m_env.value(env).split(QLatin1Char(spec->envSeparator), Qt::SkipEmptyParts);
        }
        if (m_file && m_file->contains(option)) {
            *origin = QStringLiteral("%1 in %2").arg(option, m_filePath);
            const QVariant v = m_file->value(option);
            return v.typeId() == QMetaType::QStringList ? v.toStringList()
                                                        : QStringList{v.toString()};
        }
        origin->clear();
        return {};
    }

    // Flags on the command line have no value; elsewhere they are spelled as booleans.
    std::optional<bool> flag(const char* name, QString* error) const
    {
        const QString option = QString::fromLatin1(name);
        if (m_parser.isSet(option)) {
            m_explicit->insert(option);
            return true;
        }
        auto v = find(name);
        if (!v)
            return std::nullopt;
        const QString t = v->text.trimmed().toLower();
        if (t == QLatin1String("1") || t == QLatin1String("true") || t == QLatin1String("yes") ||
            t == QLatin1String("on"))
            return true;
        if (t.isEmpty() || t == QLatin1String("0") || t == QLatin1String("false") ||
            t == QLatin1String("no") || t == QLatin1String("off"))
            return false;
        *error =
            QStringLiteral("%1: '%2' is not a boolean (use true or false)").arg(v->origin, v->text);
        return std::nullopt;
    }

private:
    const QCommandLineParser& m_parser;
    const QProcessEnvironment& m_env;
    QSettings* m_file;
    QString m_filePath;
    QSet<QString>* m_explicit;
};

QDateTime parseSince(const QString& text)
{
    QDateTime dt = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!dt.isValid())
        return dt;
    if (dt.timeSpec() == Qt::LocalTime) // no offset given: the stream speaks UTC, so do we
        dt.setTimeSpec(Qt::UTC);
    return dt.toUTC();
}

SettingsResult fail(QString message)
{
    SettingsResult r;
    r.action = SettingsAction::Error;
    r.exitCode = 2;
    r.message = std::move(message);
    return r;
}

QString helpText(QCommandLineParser& parser)
{
    // The usage line names argv[0] (or a placeholder before the application object exists).
    QString text = parser.helpText().trimmed();
    const qsizetype eol = text.indexOf(QLatin1Char('\n'));
    return QStringLiteral("Usage: wikitide [options]") + (eol < 0 ? QString() : text.mid(eol));
}

void addOptions(QCommandLineParser& parser)
{
    for (const auto& spec : optionSpecs()) {
        const QString help = QStringLiteral("%1 (default: %2)").arg(spec.help, spec.defaultText);
        if (*spec.valueName)
            parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name), help,
                                                QString::fromLatin1(spec.valueName)));
        else
            parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name), help));
    }
}

// Reads the number options; returns an error message or an empty string.
struct NumberRule {
    const char* name;
    double low;
    double high;
    const char* what;
};

std::optional<double> number(const Layers& layers, const NumberRule& rule, QString* error)
{
    auto v = layers.find(rule.name);
    if (!v)
        return std::nullopt;
    bool ok = false;
    const double d = v->text.trimmed().toDouble(&ok);
    if (!ok || !(d >= rule.low && d <= rule.high)) {
        *error = QStringLiteral("%1: '%2' must be %3 from %4 to %5")
                     .arg(v->origin, v->text, QString::fromLatin1(rule.what))
                     .arg(rule.low, 0, 'g', 12)
                     .arg(rule.high, 0, 'g', 12);
        return std::nullopt;
    }
    return d;
}

std::optional<qint64> duration(const Layers& layers, const char* name, qint64 low, qint64 high,
                               QString* error)
{
    auto v = layers.find(name);
    if (!v)
        return std::nullopt;
    const qint64 ms = parseDurationMs(v->text);
    if (ms < low || ms > high) {
        *error = QStringLiteral("%1: '%2' must be a duration from %3 to %4 (e.g. 90s, 15m, 1h)")
                     .arg(v->origin, v->text, formatDurationMs(low), formatDurationMs(high));
        return std::nullopt;
    }
    return ms;
}

QString resolveFilters(const Layers& layers, analytics::Filter& f)
{
    QString error;
    if (auto v = layers.flag("no-bots", &error))
        f.includeBots = !*v;
    if (auto v = layers.flag("no-humans", &error))
        f.includeHumans = !*v;
    if (auto v = layers.flag("exclude-wikis", &error))
        f.excludeWikis = *v;
    if (!error.isEmpty())
        return error;
    QString origin;
    for (const QString& item : layers.list("namespace", &origin))
        for (const QString& n : item.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int ns = n.trimmed().toInt(&ok);
            if (!ok)
                return QStringLiteral("%1: '%2' is not a namespace number").arg(origin, n);
            f.namespaces.push_back(ns);
        }
    const QStringList types = layers.list("types", &origin);
    if (!types.isEmpty()) {
        f.typeMask = 0;
        for (const QString& item : types)
            for (const QString& t : item.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString name = t.trimmed().toLower();
                const auto type = event::editTypeFromName(name.toStdString());
                if (type == event::EditType::Other && name != QLatin1String("other"))
                    return QStringLiteral("%1: unknown action type '%2' (use edit, new, log, "
                                          "categorize, external, other)")
                        .arg(origin, t);
                f.typeMask |= std::uint8_t(1u << unsigned(type));
            }
    }
    for (const QString& w : layers.list("wiki", &origin))
        for (const QString& p : w.split(QLatin1Char(','), Qt::SkipEmptyParts))
            f.wikiPatterns.push_back(p.trimmed().toStdString());
    if (auto v = number(layers, {"min-delta", 0, 1e9, "a byte count"}, &error))
        f.minAbsDelta = std::int32_t(*v);
    return error;
}

QString resolveKafka(const Layers& layers, Settings& s)
{
    QString error;
    if (auto v = layers.find("kafka"))
        s.kafkaBrokers = v->text.trimmed();
    if (auto v = layers.find("role")) {
        const QString r = v->text.trimmed().toLower();
        if (r == QLatin1String("all"))
            s.role = KafkaRole::All;
        else if (r == QLatin1String("ingest"))
            s.role = KafkaRole::Ingest;
        else if (r == QLatin1String("dashboard"))
            s.role = KafkaRole::Dashboard;
        else
            return QStringLiteral("%1: '%2' must be ingest, dashboard or all")
                .arg(v->origin, v->text);
        if (s.kafkaBrokers.isEmpty())
            return QStringLiteral("%1 needs --kafka BROKERS (or --kafka embedded)").arg(v->origin);
    }
    if (auto v = layers.find("topic"); v && !v->text.trimmed().isEmpty())
        s.topic = v->text.trimmed();
    if (auto v = layers.find("kafka-group"))
        s.kafkaGroup = v->text.trimmed();
    if (auto v = number(layers, {"kafka-partitions", 1, 1024, "a partition count"}, &error))
        s.kafkaPartitions = int(*v);
    if (!error.isEmpty())
        return error;
    QString origin;
    transport::KafkaConfig probe;
    for (const QString& p : layers.list("X", &origin)) {
        QString why;
        if (!probe.addProperty(p.toStdString(), &why))
            return QStringLiteral("%1: %2").arg(origin, why); // why never echoes a secret
        s.kafkaProperties << p;
    }
    return {};
}

QString resolveOps(const Layers& layers, Settings& s)
{
    QString error;
    if (auto v = number(layers, {"metrics-port", 0, 65535, "a port number"}, &error))
        s.metricsPort = int(*v);
    if (auto v = layers.find("metrics-address"); v && !v->text.trimmed().isEmpty())
        s.metricsAddress = v->text.trimmed();
    if (auto v = layers.find("log-level")) {
        const QString level = v->text.trimmed().toLower();
        static const QStringList levels = {QStringLiteral("debug"), QStringLiteral("info"),
                                           QStringLiteral("warning"), QStringLiteral("error")};
        if (!levels.contains(level))
            return QStringLiteral("%1: '%2' must be debug, info, warning or error")
                .arg(v->origin, v->text);
        s.logLevel = level;
    }
    if (auto v = layers.find("log-file"))
        s.logFile = v->text.trimmed();
    if (auto v = layers.flag("no-opengl", &error))
        s.noOpenGl = *v;
    if (auto v = layers.find("screenshot"))
        s.screenshotFile = v->text.trimmed();
    if (auto v = number(layers, {"quit-after", 0.1, 86400, "a number of seconds"}, &error))
        s.quitAfterSeconds = *v;
    return error;
}

QString resolveStore(const Layers& layers, Settings& s)
{
    QString error;
    if (auto v = layers.find("db"))
        s.dbPath = v->text.trimmed();
    if (auto v = layers.flag("no-history", &error))
        s.noHistory = *v;
    if (auto v = layers.flag("offline", &error))
        s.offline = *v;
    if (auto v = number(layers, {"retention-days", 1, 3650, "a number of days"}, &error))
        s.retentionDays = int(*v);
    if (auto v = layers.find("wikidata-api")) {
        const QUrl url(v->text.trimmed(), QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
            return QStringLiteral("%1: '%2' is not an http(s) URL").arg(v->origin, v->text);
        s.wikidataApi = v->text.trimmed();
    }
    if (auto v = layers.find("label-language")) {
        static const QRegularExpression lang(QStringLiteral("^[a-z]{2,3}([-_][A-Za-z0-9]+)*$"));
        if (!lang.match(v->text.trimmed()).hasMatch())
            return QStringLiteral("%1: '%2' is not a language code (e.g. en, de, pt-br)")
                .arg(v->origin, v->text);
        s.labelLanguage = v->text.trimmed();
    }
    return error;
}

QString resolveAnalytics(const Layers& layers, Settings& s)
{
    QString error;
    using namespace analytics;
    if (auto v = duration(layers, "lookback", kMinLookbackMs, kMaxLookbackMs, &error))
        s.lookbackMs = *v;
    if (auto v = duration(layers, "lateness", 0, kMaxLatenessMs, &error))
        s.latenessMs = *v;
    if (auto v = duration(layers, "refresh", kMinRefreshMs, kMaxRefreshMs, &error))
        s.refreshMs = int(*v);
    if (auto v = number(layers, {"top", double(kMinTopN), double(kMaxTopN), "a row count"}, &error))
        s.topN = int(*v);
    if (auto v = number(layers, {"recent", 0, 1e6, "an event count"}, &error))
        s.recentCap = int(*v);
    if (auto v = duration(layers, "export-every", 0, 7LL * 24 * 3600 * 1000, &error))
        s.exportEverySeconds = double(*v) / 1000.0;
    if (auto v = layers.find("export-dir"))
        s.exportDir = v->text.trimmed();
    if (!error.isEmpty())
        return error;
    QString origin;
    s.keywords = layers.list("keyword", &origin);
    return resolveFilters(layers, s.filter);
}

QString resolveSse(const Layers& layers, Settings& s)
{
    QString error;
    if (auto v = layers.find("last-event-id"))
        s.lastEventId = v->text;
    if (auto v = duration(layers, "idle-timeout", 1000, 3600 * 1000, &error))
        s.idleTimeoutMs = int(*v);
    if (auto v = number(layers, {"dedup-horizon", 1024, 1e8, "an id count"}, &error))
        s.dedupHorizon = qint64(*v);
    return error;
}

} // namespace

IngestConfig Settings::ingestConfig() const
{
    IngestConfig c;
    c.streamUrl = QUrl(streamUrl);
    c.since = since;
    c.initialLastEventId = lastEventId.toStdString();
    c.replayFile = replayFile;
    c.batch = batch;
    c.speed = speed;
    c.maxEventBytes = std::size_t(maxEventBytes);
    c.recordFile = recordFile;
    c.idleTimeoutMs = idleTimeoutMs;
    c.dedupHorizon = std::size_t(dedupHorizon);
    return c;
}

analytics::AnalyticsConfig Settings::analyticsConfig() const
{
    analytics::AnalyticsConfig c;
    c.lookbackMs = lookbackMs;
    c.latenessMs = latenessMs;
    c.refreshMs = refreshMs;
    c.topN = topN;
    c.recentCap = std::size_t(recentCap);
    c.filter = filter;
    for (const QString& k : keywords)
        c.keywords.push_back(k.toStdString());
    return c;
}

transport::KafkaConfig Settings::kafkaConfig() const
{
    transport::KafkaConfig c;
    if (!embeddedKafka())
        c.brokers = kafkaBrokers.toStdString();
    c.topic = topic.toStdString();
    c.partitions = kafkaPartitions;
    c.group = kafkaGroup.toStdString();
    for (const QString& p : kafkaProperties)
        c.addProperty(p.toStdString());
    return c;
}

const char* kafkaRoleName(KafkaRole role)
{
    switch (role) {
    case KafkaRole::All:
        return "all";
    case KafkaRole::Ingest:
        return "ingest";
    case KafkaRole::Dashboard:
        return "dashboard";
    }
    return "all";
}

qint64 parseDurationMs(const QString& input)
{
    static const QRegularExpression part(QStringLiteral("^(\\d+(?:\\.\\d+)?)(ms|s|m|min|h)?"));
    QString text = input.trimmed().toLower();
    if (text.isEmpty())
        return -1;
    double total = 0;
    bool bare = false;
    while (!text.isEmpty()) {
        const auto m = part.match(text);
        if (!m.hasMatch() || bare)
            return -1;
        const double n = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        if (unit.isEmpty())
            bare = true; // a bare number is seconds, and must stand alone
        const double factor = unit == QLatin1String("ms")                               ? 1
                              : unit == QLatin1String("m") || unit == QLatin1String("min") ? 60000
                              : unit == QLatin1String("h")                              ? 3600000
                                                                                        : 1000;
        total += n * factor;
        text = text.mid(m.capturedLength());
    }
    return qint64(total + 0.5);
}

QString formatDurationMs(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0s");
    if (ms % 3600000 == 0)
        return QStringLiteral("%1h").arg(ms / 3600000);
    if (ms % 60000 == 0)
        return QStringLiteral("%1m").arg(ms / 60000);
    if (ms % 1000 == 0)
        return QStringLiteral("%1s").arg(ms / 1000);
    return QStringLiteral("%1ms").arg(ms);
}

QString defaultConfigFile()
{
    return QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("WikiTide"),
                     QStringLiteral("wikitide"))
        .fileName();
}

bool isAllowedStreamUrl(const QString& text, QString* why)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *why = QStringLiteral("'%1' is not a valid URL").arg(text);
        return false;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return true;
    if (scheme == QLatin1String("http")) {
        const QString host = url.host().toLower();
        if (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") ||
            host == QLatin1String("::1"))
            return true;
        *why = QStringLiteral("refusing plain http to %1: use https (http is allowed only for "
                              "127.0.0.1, localhost "
                              "and ::1)")
                   .arg(url.host());
        return false;
    }
    *why =
        QStringLiteral("unsupported URL scheme '%1' in '%2' (use https)").arg(url.scheme(), text);
    return false;
}

SettingsResult resolveSettings(const QStringList& arguments, const QProcessEnvironment& environment,
                               const QString& defaultConfig)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "WikiTide: live dashboard of Wikimedia's real-time edit stream.\n"
        "Every option can also be set as WIKITIDE_<NAME> in the environment (e.g. "
        "WIKITIDE_STREAM_URL)\n"
        "or as <name>=value in the settings file; the command line wins, then the environment,\n"
        "then the file. Durations are written like 90s, 15m, 1h or 250ms."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    addOptions(parser);

    if (!parser.parse(arguments))
        return fail(parser.errorText() + QStringLiteral("\nTry 'wikitide --help'."));
    if (parser.isSet(helpOption)) {
        SettingsResult r;
        r.action = SettingsAction::ShowHelp;
        r.message = helpText(parser);
        return r;
    }
    if (parser.isSet(versionOption)) {
        SettingsResult r;
        r.action = SettingsAction::ShowVersion;
        r.message = QStringLiteral("wikitide %1").arg(QString::fromLatin1(kVersion));
        return r;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'\nTry 'wikitide --help'.")
                        .arg(parser.positionalArguments().first()));

    // The settings file is chosen by the two higher layers only.
    QString configPath = defaultConfig;
    bool configNamed = false;
    if (parser.isSet(QStringLiteral("config"))) {
        configPath = parser.value(QStringLiteral("config"));
        configNamed = true;
    } else if (environment.contains(QStringLiteral("WIKITIDE_CONFIG"))) {
        configPath = environment.value(QStringLiteral("WIKITIDE_CONFIG"));
        configNamed = true;
    }
    std::optional<QSettings> file;
    if (!configPath.isEmpty() && QFileInfo(configPath).isFile()) {
        file.emplace(configPath, QSettings::IniFormat);
        if (file->status() != QSettings::NoError)
            return fail(QStringLiteral("cannot read settings file %1").arg(configPath));
    } else if (configNamed) {
        return fail(QStringLiteral("settings file %1 does not exist").arg(configPath));
    }

    SettingsResult result;
    Settings& s = result.settings;
    s.configFile = configPath;
    const Layers layers(parser, environment, file ? &*file : nullptr, configPath,
                        &s.explicitOptions);
    QString error;

    if (auto v = layers.flag("headless", &error))
        s.headless = *v;
    if (auto v = layers.flag("batch", &error))
        s.batch = *v;
    if (!error.isEmpty())
        return fail(error);

    if (auto v = layers.find("stream-url")) {
        s.streamUrl = v->text.trimmed();
        QString why;
        if (!isAllowedStreamUrl(s.streamUrl, &why))
            return fail(QStringLiteral("%1: %2").arg(v->origin, why));
    }
    if (auto v = layers.find("since"); v && !v->text.trimmed().isEmpty()) {
        s.since = parseSince(v->text);
        if (!s.since.isValid())
            return fail(
                QStringLiteral("%1: '%2' is not an ISO 8601 date-time (e.g. 2026-01-31T12:00:00Z)")
                    .arg(v->origin, v->text));
    }
    if (auto v = layers.find("replay"))
        s.replayFile = v->text;
    if (auto v = layers.find("record"))
        s.recordFile = v->text;
    if (auto v = layers.find("speed")) {
        bool ok = false;
        s.speed = v->text.trimmed().toDouble(&ok);
        if (!ok || !(s.speed >= 0.1 && s.speed <= 1000.0))
            return fail(QStringLiteral("%1: speed '%2' must be a number from 0.1 to 1000")
                            .arg(v->origin, v->text));
    }
    if (auto v = layers.find("report-every")) {
        bool ok = false;
        s.reportEverySeconds = v->text.trimmed().toDouble(&ok);
        if (!ok || !(s.reportEverySeconds >= 0.1 && s.reportEverySeconds <= 86400.0))
            return fail(QStringLiteral("%1: '%2' must be a number of seconds from 0.1 to 86400")
                            .arg(v->origin, v->text));
    }
    if (auto v = layers.find("max-event-bytes")) {
        bool ok = false;
        s.maxEventBytes = v->text.trimmed().toLongLong(&ok);
        if (!ok || s.maxEventBytes < 1024 || s.maxEventBytes > (qint64(1) << 30))
            return fail(QStringLiteral("%1: '%2' must be a byte count from 1024 to 1073741824")
                            .arg(v->origin, v->text));
    }
    for (auto step : {resolveSse, resolveAnalytics, resolveStore, resolveKafka, resolveOps}) {
        error = step(layers, s);
        if (!error.isEmpty())
            return fail(error);
    }
    if (s.labelLanguage.isEmpty()) {
        const QString system = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
        s.labelLanguage = system.isEmpty() || system == QLatin1String("C") ? QStringLiteral("en")
                                                                           : system;
    }

    if (!s.replayFile.isEmpty() && !s.recordFile.isEmpty()) {
        result.notes << QStringLiteral(
                            "--record records the live stream only; ignored while replaying %1")
                            .arg(s.replayFile);
        s.recordFile.clear();
    }
    if (s.replayFile.isEmpty() && s.batch)
        result.notes << QStringLiteral(
            "--batch applies to --replay only; ignored for the live stream");
    if (!s.screenshotFile.isEmpty() && s.quitAfterSeconds <= 0)
        s.quitAfterSeconds = 3;
    return result;
}

} // namespace wt::pipeline
