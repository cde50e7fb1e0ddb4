#pragma once
// Lets the user add, edit, enable and remove alert rules; refuses to close on an invalid rule
// (bad regex, bad numbers) and says why. UI thread. The lead stores rules() with
// alert::rulesToVariant() in QSettings and sends them to AlertMonitor::setRules.

#include <QDialog>
#include <vector>

#include "alert/AlertRule.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QStackedWidget;

namespace wt::ui {

class AlertRulesDialog : public QDialog {
    Q_OBJECT
public:
    explicit AlertRulesDialog(QWidget* parent = nullptr);

    void setRules(const std::vector<alert::AlertRule>& rules);
    std::vector<alert::AlertRule> rules() const { return m_rules; }
    QString errorText() const; // the message shown for the last refused rule, or empty

    void addRule(alert::RuleKind kind);
    void removeCurrentRule();
    // Validates every rule; on the first invalid one selects it, shows why and returns false.
    bool validateAll();

public slots:
    void accept() override;

private:
    void load(int row);
    void store(int row);
    void refreshList();
    void kindChanged();

    std::vector<alert::AlertRule> m_rules;
    int m_current = -1;
    bool m_loading = false;

    QListWidget* m_list;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QCheckBox* m_enabled;
    QCheckBox* m_bots;
    QLineEdit* m_wiki;
    QStackedWidget* m_pages;
    QLineEdit* m_pattern;
    QCheckBox* m_title;
    QCheckBox* m_comment;
    QCheckBox* m_user;
    QComboBox* m_scope;
    QSpinBox* m_minCount;
    QDoubleSpinBox* m_ratio;
    QSpinBox* m_short;
    QSpinBox* m_baseline;
    QDoubleSpinBox* m_spike;
    QDoubleSpinBox* m_drop;
    QDoubleSpinBox* m_minRate;
    QLabel* m_error;
};

} // namespace wt::ui
