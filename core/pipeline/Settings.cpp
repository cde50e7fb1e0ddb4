#include "pipeline/Settings.h"

#include "wikitide/Version.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>
#include <optional>
#include <vector>

namespace wt::pipeline {
namespace {

struct OptionSpec {
    const char* name;
    const char* valueName; // empty for flags
    const char* help;
    const char* defaultText;
};

// One table drives --help, the environment names and the settings-file keys, so an option
// can never be resolvable in one place and missing from another.
const std::vector<OptionSpec>& optionSpecs()
{
    static const std::vector<OptionSpec> specs = {
        {"headless", "",
         "Run without a window: print one JSON line of counters per report interval.", "off"},
        {"stream-url", "URL",
         "EventStreams endpoint to read live (https; http only for 127.0.0.1, localhost, ::1).",
         kDefaultStreamUrl},
        {"since", "ISO8601",
         "On the first connect, start the live stream at this time (e.g. 2026-01-31T12:00:00Z).",
         "now"},
        {"replay", "FILE",
         "Replay a recording (NDJSON or raw SSE, optionally gzip) instead of the live stream.",
         "none, live"},
        {"speed", "X", "Replay speed factor by event time, 0.1 to 1000.", "1"},
        {"batch", "", "Replay as fast as possible instead of in real time.", "off"},
        {"record", "FILE",
         "Append the live stream's events to FILE as NDJSON (gzip when FILE ends in .gz).", "none"},
        {"report-every", "SECONDS", "Seconds between two headless report lines.", "5"},
        {"max-event-bytes", "BYTES", "Largest accepted event; larger ones are skipped and counted.",
         "4194304"},
        {"config", "FILE", "Settings file to read (ini).", "the XDG config location"},
    };
    return specs;
}

QString envName(const char* option)
{
    return QStringLiteral("WIKITIDE_") +
           QString::fromLatin1(option).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

struct Value {
    QString text;
    QString origin; // for messages: "--speed", "WIKITIDE_SPEED", "settings file /x.ini"
};

// Looks an option up in precedence order; nullopt when nobody set it.
class Layers {
public:
    Layers(const QCommandLineParser& parser, const QProcessEnvironment& env, QSettings* file,
           QString filePath)
        : m_parser(parser), m_env(env), m_file(file), m_filePath(std::move(filePath))
    {
    }

    std::optional<Value> find(const char* name) const
    {
        const QString option = QString::fromLatin1(name);
        if (m_parser.isSet(option))
            return Value{m_parser.value(option), QStringLiteral("--") + option};
        const QString env = envName(name);
        if (m_env.contains(env))
            return Value{m_env.value(env), env};
        if (m_file && m_file->contains(option))
            return Value{m_file->value(option).toString(),
                         QStringLiteral("%1 in %2").arg(option, m_filePath)};
        return std::nullopt;
    }

    // Flags on the command line have no value; elsewhere they are spelled as booleans.
    std::optional<bool> flag(const char* name, QString* error) const
    {
        const QString option = QString::fromLatin1(name);
        if (m_parser.isSet(option))
            return true;
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

} // namespace

IngestConfig Settings::ingestConfig() const
{
    IngestConfig c;
    c.streamUrl = QUrl(streamUrl);
    c.since = since;
    c.replayFile = replayFile;
    c.batch = batch;
    c.speed = speed;
    c.maxEventBytes = std::size_t(maxEventBytes);
    c.recordFile = recordFile;
    return c;
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
        "then the file."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    for (const auto& spec : optionSpecs()) {
        const QString help =
            QStringLiteral("%1 (default: %2)")
                .arg(QString::fromUtf8(spec.help), QString::fromUtf8(spec.defaultText));
        if (*spec.valueName)
            parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name), help,
                                                QString::fromLatin1(spec.valueName)));
        else
            parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name), help));
    }

    if (!parser.parse(arguments))
        return fail(parser.errorText() + QStringLiteral("\nTry 'wikitide --help'."));
    if (parser.isSet(helpOption)) {
        SettingsResult r;
        r.action = SettingsAction::ShowHelp;
        // The usage line names argv[0] (or a placeholder before the application object exists).
        QString text = parser.helpText().trimmed();
        const qsizetype eol = text.indexOf(QLatin1Char('\n'));
        r.message =
            QStringLiteral("Usage: wikitide [options]") + (eol < 0 ? QString() : text.mid(eol));
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
    const Layers layers(parser, environment, file ? &*file : nullptr, configPath);
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

    if (!s.replayFile.isEmpty() && !s.recordFile.isEmpty()) {
        result.notes << QStringLiteral(
                            "--record records the live stream only; ignored while replaying %1")
                            .arg(s.replayFile);
        s.recordFile.clear();
    }
    if (s.replayFile.isEmpty() && s.batch)
        result.notes << QStringLiteral(
            "--batch applies to --replay only; ignored for the live stream");
    return result;
}

} // namespace wt::pipeline
