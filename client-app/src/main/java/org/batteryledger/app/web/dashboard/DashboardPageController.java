package org.batteryledger.app.web.dashboard;

import org.batteryledger.app.security.CurrentUser;
import org.batteryledger.app.web.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** Dashboards: an automaker's units and collections, the regulator's whole picture with anomalies. */
@Controller
@Page
class DashboardPageController {
    private final DashboardData data;
    private final CurrentUser currentUser;

    DashboardPageController(DashboardData data, CurrentUser currentUser) {
        this.data = data;
        this.currentUser = currentUser;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        model.addAttribute("dashboard", data.forUser(currentUser.require()));
        return "dashboard";
    }

    /** The same figures for the charts' script. */
    @GetMapping("/dashboard/data")
    @ResponseBody
    Dashboard json() {
        return data.forUser(currentUser.require());
    }
}
