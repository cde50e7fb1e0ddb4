#include "store/SqliteStatement.h"

#include <sqlite3.h>

namespace wt::store {

DbResult DbResult::fromDb(sqlite3* db, int code, const QString& what)
{
    DbResult r;
    r.code = code;
    if (code != SQLITE_OK) {
        const char* detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
        r.message = QStringLiteral("%1: %2 (SQLite code %3)")
                        .arg(what, QString::fromUtf8(detail ? detail : sqlite3_errstr(code)))
                        .arg(code);
        // Say what the user can do about it.
        switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            r.message += QStringLiteral("; another program (a second WikiTide?) holds the file");
            break;
        case SQLITE_FULL:
            r.message += QStringLiteral("; free some disk space");
            break;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            r.message += QStringLiteral("; the file is damaged, move it away to start a new history");
            break;
        case SQLITE_READONLY:
        case SQLITE_CANTOPEN:
        case SQLITE_PERM:
            r.message += QStringLiteral("; check the file's location and permissions (--db PATH)");
            break;
        default:
            break;
        }
    }
    return r;
}

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql)
{
    m_prepareCode = sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                       &m_stmt, nullptr);
    if (m_prepareCode != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_stmt); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_stmt(other.m_stmt), m_prepareCode(other.m_prepareCode)
{
    other.m_stmt = nullptr;
}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = other.m_stmt;
        m_prepareCode = other.m_prepareCode;
        other.m_stmt = nullptr;
    }
    return *this;
}

void SqliteStatement::bind(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }

void SqliteStatement::bind(int index, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindText(int index, std::string_view utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.data(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int index) { sqlite3_bind_null(m_stmt, index); }

void SqliteStatement::bindBlob(int index, std::string_view bytes)
{
    sqlite3_bind_blob(m_stmt, index, bytes.empty() ? "" : bytes.data(), int(bytes.size()), SQLITE_STATIC);
}

std::string_view SqliteStatement::blobView(int column) const
{
    const void* p = sqlite3_column_blob(m_stmt, column);
    return p ? std::string_view(static_cast<const char*>(p), std::size_t(sqlite3_column_bytes(m_stmt, column)))
             : std::string_view();
}

int SqliteStatement::step() { return m_stmt ? sqlite3_step(m_stmt) : SQLITE_MISUSE; }

void SqliteStatement::reset()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

std::int64_t SqliteStatement::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

QString SqliteStatement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

std::string_view SqliteStatement::textView(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string_view(p, std::size_t(sqlite3_column_bytes(m_stmt, column))) : std::string_view();
}

bool SqliteStatement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

DbResult execSql(sqlite3* db, const char* sql)
{
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    DbResult r;
    r.code = rc;
    if (rc != SQLITE_OK) {
        r.message = QStringLiteral("%1 (SQLite code %2)")
                        .arg(QString::fromUtf8(err ? err : sqlite3_errstr(rc)))
                        .arg(rc);
    }
    sqlite3_free(err);
    return r;
}

} // namespace wt::store
