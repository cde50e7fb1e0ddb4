#pragma once
// Reads the real recentchange recordings in tests/data line by line, for the parsing suites.

#include "support/TestData.h"

#include <QDir>
#include <QFile>
#include <QStringList>
#include <string>
#include <vector>

namespace wt::test {

inline QStringList recordingFiles()
{
    return QDir(dataPath(QString()))
        .entryList({QStringLiteral("*.ndjson")}, QDir::Files, QDir::Name);
}

// Every non-empty line of tests/data/<name>, without its line end.
inline std::vector<std::string> recordingLines(const QString& name)
{
    std::vector<std::string> lines;
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    const QByteArray all = file.readAll();
    for (const QByteArray& line : all.split('\n')) {
        if (!line.isEmpty())
            lines.emplace_back(line.constData(), static_cast<std::size_t>(line.size()));
    }
    return lines;
}

// The line of tests/data/<name> whose meta.id is metaId, or empty.
inline std::string recordingLine(const QString& name, const std::string& metaId)
{
    const std::string needle = "\"id\":\"" + metaId + "\"";
    for (auto& line : recordingLines(name)) {
        if (line.find(needle) != std::string::npos)
            return line;
    }
    return {};
}

} // namespace wt::test
