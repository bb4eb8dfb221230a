package org.batteryledger.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.batteryledger.app.admin.AdminAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. The API takes HTTP Basic or a bearer token ({@code POST /api/auth/token});
 * only the public passport, the API documentation and health are open without sign-in. The web
 * pages sign in with a form into a session, which the API also honours so the pages' scripts can
 * call it. What a signed-in user may do on the ledger is the contract's decision, not this class's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AppUsers users, AdminAccounts admins) {
        return username -> users.find(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash()).disabled(!u.enabled())
                        .authorities("ROLE_" + u.role().name()).build())
                // Local administrators: user administration only, no ledger role.
                .or(() -> admins.find(username).map(a -> User.withUsername(a.username()).password(a.passwordHash())
                        .authorities(AdminAccounts.AUTHORITY).build()))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /** Paths the API chain answers; every other path is a web page. */
    static final String[] API_PATHS = {"/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
            "/actuator/**"};

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AppUsers users) throws Exception {
        // CSRF only guards what a browser sends by itself: a session cookie. A call with
        // credentials in the Authorization header, or with no session at all, cannot be forged.
        http.securityMatcher(API_PATHS)
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        request -> request.getHeader("Authorization") != null
                                || request.getRequestedSessionId() == null))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/passport/**").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/admin/**").hasAuthority(AdminAccounts.AUTHORITY)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .exceptionHandling(e -> e.authenticationEntryPoint(new ProblemEntryPoint())
                        .accessDeniedHandler(SecurityConfig::forbidden))
                .addFilterBefore(new BearerTokenFilter(users), BasicAuthenticationFilter.class);
        return http.build();
    }

    /**
     * The web pages: form sign-in into a session, sign-out by POST, CSRF on every form. The
     * passport (reached from a QR label by anyone) and static assets are public.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/passport/**").permitAll()
                        .requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"));
        return http.build();
    }

    /** Authenticates {@code Authorization: Bearer <token>} against the stored token hashes. */
    static final class BearerTokenFilter extends OncePerRequestFilter {
        private final AppUsers users;

        BearerTokenFilter(AppUsers users) {
            this.users = users;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.startsWith("Bearer ")) {
                users.byToken(header.substring(7).trim()).ifPresent(u -> SecurityContextHolder.getContext()
                        .setAuthentication(new UsernamePasswordAuthenticationToken(u.username(), null,
                                List.of(new SimpleGrantedAuthority("ROLE_" + u.role().name())))));
            }
            chain.doFilter(request, response);
        }
    }

    /** 403 as problem+json: e.g. a ledger user on the administration API. */
    static void forbidden(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException e) throws IOException {
        response.setStatus(403);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"https://battery-ledger.example/problems/forbidden\","
                + "\"title\":\"FORBIDDEN\",\"status\":403,\"code\":\"FORBIDDEN\","
                + "\"detail\":\"" + (request.getRequestURI().startsWith("/api/admin/")
                        ? "user administration is for the local administrator, not for ledger roles"
                        : "not allowed") + "\"}");
    }

    /** 401 as problem+json, with the Basic challenge for API clients. */
    static final class ProblemEntryPoint implements org.springframework.security.web.AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response,
                org.springframework.security.core.AuthenticationException e) throws IOException {
            response.setStatus(401);
            // A page's script (X-Requested-With) handles 401 itself: a challenge would make the
            // browser pop up its own password box over the page.
            if (request.getHeader("X-Requested-With") == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"battery-ledger\"");
            }
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://battery-ledger.example/problems/unauthenticated\","
                    + "\"title\":\"UNAUTHENTICATED\",\"status\":401,\"code\":\"UNAUTHENTICATED\","
                    + "\"detail\":\"sign in with HTTP Basic or a bearer token\"}");
        }
    }
}
