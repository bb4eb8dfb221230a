package org.batteryledger.app.web;

import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in, and the start page of each kind of user after it. */
@Controller
@Page
class HomeController {
    private final CurrentUser currentUser;

    HomeController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        AppUser me = currentUser.require();
        return "redirect:" + switch (me.role()) {
            case REGULATOR, AUTOMAKER, IMPORTER -> "/dashboard";
            case BATTERY_MAKER -> "/import";
            default -> "/scan";
        };
    }
}
