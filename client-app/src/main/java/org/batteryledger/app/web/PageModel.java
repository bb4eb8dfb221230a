package org.batteryledger.app.web;

import org.batteryledger.app.security.AppUser;
import org.batteryledger.app.security.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What every page shows in its header: who is signed in and which company they act for. */
@ControllerAdvice(annotations = Page.class)
class PageModel {
    private final CurrentUser currentUser;

    PageModel(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    /** This page in English: the same URL with {@code lang=en}, so switching keeps the page. */
    @ModelAttribute("langEn")
    String langEn() {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("lang", "en").build().toUriString();
    }

    @ModelAttribute("langZh")
    String langZh() {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("lang", "zh-CN").build()
                .toUriString();
    }

    @ModelAttribute("me")
    AppUser me() {
        return currentUser.find().orElse(null);
    }
}
