package dev.recon.ingest.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The web UI's pages. Each is a template with the shared layout; its data comes from the JSON API
 * through the page's own script, so that the pages show exactly what the API answers.
 */
@Controller
class PageController {

  @GetMapping("/")
  String upload(Model model) {
    return page(model, "upload");
  }

  @GetMapping("/dashboard")
  String dashboard(Model model) {
    return page(model, "dashboard");
  }

  @GetMapping("/orders")
  String orders(Model model) {
    return page(model, "orders");
  }

  @GetMapping("/orders/{orderId}")
  String order(@PathVariable String orderId, Model model) {
    model.addAttribute("orderId", orderId);
    return page(model, "order");
  }

  @GetMapping("/uploads")
  String uploads(Model model) {
    return page(model, "uploads");
  }

  @GetMapping("/events")
  String events(Model model) {
    return page(model, "events");
  }

  /** The template of the same name; the navigation bar marks it as the current page. */
  private static String page(Model model, String name) {
    model.addAttribute("page", name);
    return name;
  }
}
