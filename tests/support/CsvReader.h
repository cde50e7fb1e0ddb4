#pragma once
// A small RFC 4180 reader for the tests that read exported CSV back: quoted fields, doubled
// quotes, CRLF or LF records. Independent of the exporter's own writer on purpose.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <string>
#include <vector>

namespace wt::test {

using CsvRows = std::vector<std::vector<std::string>>;

inline CsvRows parseCsv(const QByteArray& bytes)
{
    CsvRows rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quoted) {
            if (c == '"' && i + 1 < bytes.size() && bytes[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
            any = true;
        } else if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
            continue;
        } else if (c == '\n') {
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            any = false;
        } else {
            field.push_back(c);
            any = true;
        }
    }
    if (any) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

inline CsvRows readCsvFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return parseCsv(f.readAll());
}

// The same rows as Qt strings, for tests that compare with what widgets show.
inline QList<QStringList> readCsvFileAsText(const QString& path)
{
    QList<QStringList> out;
    for (const auto& row : readCsvFile(path)) {
        QStringList cells;
        for (const auto& cell : row)
            cells << QString::fromStdString(cell);
        out << cells;
    }
    return out;
}

} // namespace wt::test
