#pragma once
// The four leaderboards (wikis, languages, pages, users) as sortable tables (GUI thread).
// Double-clicking a row asks for its page or contributions URL to be opened.

#include <QUrl>
#include <QWidget>

#include "LeaderboardModel.h"

class QTableView;
class QSortFilterProxyModel;

namespace wt::ui {

class LeaderboardPanel : public QWidget {
    Q_OBJECT
public:
    explicit LeaderboardPanel(QWidget* parent = nullptr);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    LeaderboardModel* model(LeaderboardModel::Kind kind) const;
    QTableView* view(LeaderboardModel::Kind kind) const;

signals:
    void openUrlRequested(const QUrl& url);

private:
    struct Board {
        LeaderboardModel* model = nullptr;
        QSortFilterProxyModel* proxy = nullptr;
        QTableView* view = nullptr;
    };
    Board makeBoard(LeaderboardModel::Kind kind, const QString& title, int row, int col);
    Board m_boards[4];
};

} // namespace wt::ui
