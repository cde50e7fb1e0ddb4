#pragma once
// Every run-time option of wikitide as a plain value, and the resolver that fills it from the
// command line > environment (WIKITIDE_*) > settings file (QSettings ini) > defaults.
// Pure and thread-agnostic: called once by main() before the application object exists.

#include "pipeline/IngestConfig.h"

#include <QDateTime>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace wt::pipeline {

inline constexpr const char* kDefaultStreamUrl =
    "https://stream.wikimedia.org/v2/stream/recentchange";

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

    IngestConfig ingestConfig() const;
};

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

} // namespace wt::pipeline
